import { Command } from 'commander';
import { registerOrg } from './commands/org.ts';
import { registerUser } from './commands/user.ts';
import { registerImportExport } from './commands/import-children.ts';
import { registerLedger } from './commands/ledger.ts';
import { registerKeys } from './commands/keys.ts';
import { registerDemo } from './commands/demo.ts';
import { registerPolicy } from './commands/policy.ts';
import { registerRedactCommands } from './commands/redact.ts';
import { registerReview } from './commands/review.ts';
import { registerScreen } from './commands/screen.ts';
import { registerIncident } from './commands/incident.ts';
import { translateCommander } from './output.ts';
import { ChineseHelp } from './help-zh.ts';

export function buildProgram(): Command {
  const program = new Command('hutong');
  program
    .description('护童 Hutong 命令行：机构与账号、名册导入导出、台账校验、密钥轮换、合法性判定演练（policy check）、演示数据、技术处理（detect、redact、eval）。\n与服务器使用同一数据库（HUTONG_DATA_DIR 或 DATABASE_URL）；使用内嵌数据库时，请先停止正在运行的服务器。')
    .version('0.1.0', '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .showHelpAfterError(false)
    .configureOutput({ outputError: (str, write) => write(translateCommander(str)) });
  // Every sub-command inherits the Chinese help and messages.
  program.createHelp = () => Object.assign(new ChineseHelp(), program.configureHelp());
  registerOrg(program);
  registerUser(program);
  registerImportExport(program);
  registerLedger(program);
  registerKeys(program);
  registerDemo(program);
  registerPolicy(program);
  registerRedactCommands(program);
  registerReview(program);
  registerScreen(program);
  registerIncident(program);
  for (const c of allCommands(program)) {
    c.helpOption('-h, --help', '显示帮助');
    c.configureOutput(program.configureOutput());
    c.createHelp = program.createHelp;
    if (c.commands.length) c.helpCommand(false);
  }
  return program;
}

function allCommands(c: Command): Command[] {
  return c.commands.flatMap((s) => [s, ...allCommands(s)]);
}

await buildProgram().parseAsync(process.argv);
