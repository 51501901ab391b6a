import type { GoldDoc, ReadResult } from '../gold.ts';
import { LABEL_MAPS, type LabelMap } from '../label-map.ts';
import { readTaggedSentences, taggedRuns } from './tagged-lines.ts';

/** Edge parts that are not the address: separators, the sender's notes. */
const TRIM = new Set(['redundant', 'otherinfo']);

/**
 * Sentences a child's address appears in. The corpus holds bare address queries; detectors use
 * the words around an address (家住, 寄到), so each is placed in one of these, in turn. None of
 * them holds anything another detector scores as ADDRESS.
 */
export const ADDRESS_TEMPLATES: readonly string[] = [
  '孩子家住{}，今年上三年级。',
  '她目前和奶奶住在{}，父母在外地工作。',
  '走访地址：{}。',
  '请把学习用品寄到{}，谢谢大家。',
  '据了解，{}附近的道路正在维修。',
];

/**
 * Chinese address parsing corpus (NAACL 2019): one address per sentence, its parts labelled with
 * 21 component labels (labels.txt). The whole address (from its first to its last component,
 * separators and notes at the edges trimmed) is one ADDRESS span inside a template sentence.
 */
export function readAddress(source: string, map: LabelMap = LABEL_MAPS.address, templates: readonly string[] = ADDRESS_TEMPLATES): ReadResult {
  const parsed = readTaggedSentences(source);
  const type = map.ADDRESS;
  const docs: GoldDoc[] = parsed.sentences.map((s, i) => {
    const { text: address, runs } = taggedRuns(s.tokens);
    const parts = runs.filter((r) => !TRIM.has(r.label));
    const template = templates[i % templates.length]!;
    const at = template.indexOf('{}');
    const text = template.slice(0, at) + address + template.slice(at + 2);
    const spans = type && parts.length ? [{ type, start: at + parts[0]!.start, end: at + parts[parts.length - 1]!.end }] : [];
    return { id: `L${s.line}`, text, spans };
  });
  return { docs, problems: parsed.problems };
}
