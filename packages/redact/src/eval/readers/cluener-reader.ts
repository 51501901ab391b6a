import { utf16Offsets, type GoldDoc, type GoldSpan, type ReadProblem, type ReadResult } from '../gold.ts';
import { LABEL_MAPS, type LabelMap } from '../label-map.ts';
import { isRecord, jsonLines } from './json-lines.ts';

/** CLUENER2020: `{"text", "label": {type: {surface: [[start, end_inclusive], …]}}}` per line, code-point offsets. */
export function readCluener(source: string, map: LabelMap = LABEL_MAPS.cluener): ReadResult {
  const { rows, problems } = jsonLines(source);
  const bad: ReadProblem[] = [...problems];
  const docs: GoldDoc[] = [];
  for (const { line, value } of rows) {
    if (!isRecord(value) || typeof value.text !== 'string') {
      bad.push({ line, message: '缺少 text 字段' });
      continue;
    }
    const text = value.text;
    const at = utf16Offsets(text);
    const n = [...text].length;
    const spans: GoldSpan[] = [];
    const labels = isRecord(value.label) ? value.label : {};
    for (const [label, surfaces] of Object.entries(labels)) {
      const type = map[label];
      if (!type || !isRecord(surfaces)) continue;
      for (const ranges of Object.values(surfaces)) {
        if (!Array.isArray(ranges)) continue;
        for (const r of ranges) {
          if (!Array.isArray(r) || typeof r[0] !== 'number' || typeof r[1] !== 'number' || r[0] < 0 || r[1] < r[0] || r[1] >= n) {
            bad.push({ line, message: `${label} 的位置 ${JSON.stringify(r)} 超出文本范围` });
            continue;
          }
          spans.push({ type, start: at(r[0]), end: at(r[1] + 1) });
        }
      }
    }
    docs.push({ id: typeof value.id === 'string' || typeof value.id === 'number' ? String(value.id) : `L${line}`, text, spans });
  }
  return { docs, problems: bad };
}
