import { utf16Offsets, type GoldDoc, type GoldSpan, type ReadProblem, type ReadResult } from '../gold.ts';
import { LABEL_MAPS, type LabelMap } from '../label-map.ts';
import { isRecord, jsonLines } from './json-lines.ts';

/** CCF BDCI 2020 privacy recognition as docs.jsonl: `{id, text, spans: [{type, start, end (exclusive), text}]}`, code-point offsets. */
export function readBdci(source: string, map: LabelMap = LABEL_MAPS.bdci): ReadResult {
  const { rows, problems } = jsonLines(source);
  const bad: ReadProblem[] = [...problems];
  const docs: GoldDoc[] = [];
  for (const { line, value } of rows) {
    if (!isRecord(value) || typeof value.text !== 'string' || !Array.isArray(value.spans)) {
      bad.push({ line, message: '缺少 text 或 spans 字段' });
      continue;
    }
    const text = value.text;
    const at = utf16Offsets(text);
    const n = [...text].length;
    const spans: GoldSpan[] = [];
    for (const s of value.spans) {
      if (!isRecord(s) || typeof s.type !== 'string') continue;
      const type = map[s.type];
      if (!type) continue;
      if (typeof s.start !== 'number' || typeof s.end !== 'number' || s.start < 0 || s.end <= s.start || s.end > n) {
        bad.push({ line, message: `${s.type} 的位置 ${String(s.start)}–${String(s.end)} 超出文本范围` });
        continue;
      }
      spans.push({ type, start: at(s.start), end: at(s.end) });
    }
    docs.push({ id: value.id === undefined ? `L${line}` : String(value.id), text, spans });
  }
  return { docs, problems: bad };
}
