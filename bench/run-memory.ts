/**
 * Peak memory of `motorcade run`'s aggregation against a row-keeping peer (a few minutes on 2 shared
 * cores; --quick: under one).
 *
 *   npm run build && node dist/bench/run-memory.js [--quick]
 *
 * 10k, 100k and 1M samples (--quick: 10k, 100k) of every option of one bundled movement
 * (bench/run-memory-child.ts), each size and mode in its own process: the bounded RunAggregator against
 * the peer that keeps a row per sample, both fed the same real simulation. The verdict MISSes, and the
 * bench exits 1, when the bounded run's peak live memory grows by more than FLAT_MB from the second
 * largest size to the largest (both far past the 2,048-value exact budget). The harness is shared with
 * bench/sweep.ts (bench/memory-harness.ts).
 */
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { Verdict } from './verdict.js';
import { flatVerdict, memoryInChild, printMemoryTable, type Memory } from './memory-harness.js';

const SELF = path.join(PACKAGE_ROOT, 'dist', 'bench', 'run-memory.js');
const quick = process.argv.includes('--quick');
/** Growth of the bounded run's peak live memory, MB, from the second largest size to the largest that still counts as flat. */
const FLAT_MB = 1;

if (process.argv[2] === '--child') {
  const { runMemoryChild } = await import('./run-memory-child.js');
  await runMemoryChild(process.argv[3] as 'bounded' | 'rows', Number(process.argv[4]));
  process.exit(0);
}

const { MOVEMENT } = await import('./run-memory-child.js');
const verdict = new Verdict();
const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
console.log(`# bench/run-memory — ${os.availableParallelism()} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}`);
console.log(`\n## peak memory of a run of ${MOVEMENT} (contingency-plans), every option (growth over the loaded process, MB)`);
const rows = printMemoryTable('rows (peer)', sizes, (n) => ({ samples: n, bounded: memoryInChild(SELF, ['--child', 'bounded', String(n)]), rows: memoryInChild(SELF, ['--child', 'rows', String(n)]) }));
console.log('\n## time in the sink (aggregation only, s) and what the bounded aggregation holds at the end');
console.log('   samples   options   bounded   rows (peer)   µs per sample: bounded   rows   exact values (max per metric)   sketch bins   pairing slots   pairs');
for (const r of rows) {
  const per = (m: Memory): string => ((1000 * m.aggMs!) / (r.samples * r.bounded.options!)).toFixed(2);
  console.log(
    `${String(r.samples).padStart(10)} ${String(r.bounded.options).padStart(9)} ${(r.bounded.aggMs! / 1000).toFixed(2).padStart(9)} ${(r.rows.aggMs! / 1000).toFixed(2).padStart(13)} ` +
      `${per(r.bounded).padStart(24)} ${per(r.rows).padStart(6)} ${String(r.bounded.maxExactValues).padStart(31)} ${String(r.bounded.sketchBins).padStart(13)} ${String(r.bounded.pairingSlots).padStart(15)} ${String(r.bounded.pairs).padStart(7)}`,
  );
}
console.log('');
flatVerdict(verdict, rows, sizes[sizes.length - 2]!, sizes[sizes.length - 1]!, FLAT_MB);
for (const line of verdict.summary()) console.log(line);
verdict.finish();
