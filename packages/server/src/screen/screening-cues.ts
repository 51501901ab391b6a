import { readFileSync } from 'node:fs';
import type { CueEntry } from '@hutong/screen';

/**
 * The 第十五条 cue lists a package carries: the redaction engine's label and exploitation
 * lexicons (one source of truth), read from @hutong/redact's data directory.
 */
function read(file: string, flag: 'label' | 'exploit'): CueEntry[] {
  const text = readFileSync(new URL(`../../../redact/data/${file}`, import.meta.url), 'utf8');
  const out: CueEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [word, category] = line.split('\t').map((s) => s.trim());
    if (word && category) out.push({ word, flag: category === '-' ? 'block' : flag });
  }
  return out;
}

export function screeningCues(): CueEntry[] {
  return [...read('label-lexicon.tsv', 'label'), ...read('exploit-lexicon.tsv', 'exploit')];
}
