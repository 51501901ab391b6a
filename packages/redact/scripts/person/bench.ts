/** Dev aid: best-of-N CPU throughput of the detector and the tagger on a long document (npx tsx scripts/person/bench.ts [--model=]). */
import { personDetector, loadPersonModel } from '../../src/detectors/person/index.ts';
import { Tagger } from '../../src/detectors/person/tagger.ts';
import { peoplesDaily } from './corpora.ts';

const modelPath = process.argv.find((a) => a.startsWith('--model='))?.slice(8);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const doc = peoplesDaily().map((s) => s.text).join('\n');
const big = Array.from({ length: 5 }, () => doc).join('\n');
const d = personDetector({ modelPath });
const t = new Tagger(loadPersonModel(modelPath));
for (const [label, run] of [['detector', () => d.detect(big)], ['tagger', () => t.spans(big)]] as const) {
  run();
  let best = 0;
  for (let k = 0; k < 7; k++) { const t0 = cpu(); run(); best = Math.max(best, big.length / (cpu() - t0)); }
  console.log(`${label}: ${Math.round(best).toLocaleString('en')} chars/s (best of 7)`);
}
