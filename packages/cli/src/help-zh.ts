import { Help, type Command } from 'commander';
import { displayWidth, HELP_TITLES } from './output.ts';

// One chunk per Han character or full-width mark: Chinese has no spaces to wrap at.
const CHUNK = /\s*(?:[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+)/gu;

/**
 * Commander's help with Chinese titles and usage words, columns measured in terminal cells
 * (a Han character is two) and long descriptions wrapped between characters.
 */
export class ChineseHelp extends Help {
  override styleTitle(str: string): string {
    return HELP_TITLES[str] ?? str;
  }

  override displayWidth(str: string): number {
    // eslint-disable-next-line no-control-regex
    return displayWidth(str.replace(/\u001b\[[0-9;]*m/gu, ''));
  }

  override commandUsage(cmd: Command): string {
    return zh(super.commandUsage(cmd));
  }

  override subcommandTerm(cmd: Command): string {
    return zh(super.subcommandTerm(cmd));
  }

  override boxWrap(str: string, width: number): string {
    if (width < this.minWidthToWrap) return str;
    return str.split(/\r\n|\n/u).map((line) => {
      const chunks = line.match(CHUNK);
      if (!chunks) return '';
      const out: string[] = [];
      let cur = chunks.shift()!;
      for (const c of chunks) {
        if (this.displayWidth(cur) + this.displayWidth(c) <= width) cur += c;
        else { out.push(cur); cur = c.trimStart(); }
      }
      out.push(cur);
      return out.join('\n');
    }).join('\n');
  }
}

function zh(s: string): string {
  return s.replace('[options]', '[选项]').replace('[command]', '[命令]');
}
