/** Dev aid: prints missed / spurious name spans on an eval set (npx tsx scripts/person/errors.ts [--model=] [--set=pd|weibo]). */
import { personDetector } from '../../src/detectors/person/index.ts';
import { peoplesDaily, weibo } from './corpora.ts';

const modelPath = process.argv.find((a) => a.startsWith('--model='))?.slice(8);
const set = process.argv.find((a) => a.startsWith('--set='))?.slice(6) ?? 'pd';
const d = personDetector({ modelPath });
const data = set === 'weibo' ? weibo('dev') : peoplesDaily();
for (const s of data) {
  const got = d.detect(s.text).map((f) => [f.start, f.end] as const);
  const g = new Set(s.spans.map(([a, b]) => `${a}:${b}`)), p = new Set(got.map(([a, b]) => `${a}:${b}`));
  const ctx = (a: number, b: number) => `${s.text.slice(Math.max(0, a - 6), a)}[${s.text.slice(a, b)}]${s.text.slice(b, b + 6)}`;
  for (const [a, b] of s.spans) if (!p.has(`${a}:${b}`)) console.log(`MISS ${ctx(a, b)}`);
  for (const [a, b] of got) if (!g.has(`${a}:${b}`)) console.log(`FP   ${ctx(a, b)}`);
}
