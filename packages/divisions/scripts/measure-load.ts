/**
 * Measures what loading the tree costs, in a fresh process so nothing else is in the heap:
 *   npx tsx packages/divisions/scripts/measure-load.ts
 * Budget (README): getDivisions() < 1.5 s and < 200 MB RSS.
 */
import { getDivisions } from '../src/index.ts';

const mb = (n: number): string => `${(n / 1048576).toFixed(0)} MB`;
const rss0 = process.memoryUsage().rss;
let t = performance.now();
const tree = getDivisions();
const loadMs = performance.now() - t;
globalThis.gc?.();
const afterLoad = process.memoryUsage();
t = performance.now();
tree.findByName('嘉定');
const indexMs = performance.now() - t;
globalThis.gc?.();
const afterIndex = process.memoryUsage();
t = performance.now();
let n = 0;
for (let k = 0; k < 100_000; k++) if (tree.existsCounty(String(110101 + (k % 900000)))) n++;
const existsUs = ((performance.now() - t) / 100_000) * 1000;
console.log(JSON.stringify({
  units: tree.size,
  loadMs: Math.round(loadMs), rssBefore: mb(rss0), rssAfterLoad: mb(afterLoad.rss), heapAfterLoad: mb(afterLoad.heapUsed),
  nameIndexMs: Math.round(indexMs), rssAfterNameIndex: mb(afterIndex.rss), heapAfterNameIndex: mb(afterIndex.heapUsed),
  existsCountyMicros: Number(existsUs.toFixed(2)), existsHits: n,
  externalAfterIndex: mb(afterIndex.external), peakRss: mb(process.resourceUsage().maxRSS * 1024),
}, null, 2));
