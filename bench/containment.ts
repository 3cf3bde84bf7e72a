/**
 * What containment costs per test run: the `stats` fixture's unittest suite run N times in scratch
 * copies at every containment level this machine offers, through the warm interpreter and through
 * the shell. `node dist/bench/containment.js [--runs 15] [--out bench/results]`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { type ContainmentLevel, detectContainment } from '../server/src/exec/sandbox.js';
import { Scratch } from '../server/src/exec/scratch.js';
import { closePlan, planTests, runTests } from '../server/src/exec/tests.js';
import { arg } from '../models/gen/args.js';
import { summarizeTimes, type Timing } from './timing.js';

interface Row { level: ContainmentLevel; path: 'warm' | 'shell'; status: string; timing: Timing }

async function main(): Promise<void> {
  const runs = Number(arg('runs', '15'));
  const out = arg('out', join('bench', 'results'));
  const project = join('test', 'fixtures', 'refine', 'stats');
  const text = readFileSync(join(project, 'stats.py'), 'utf8');
  const rows: Row[] = [];
  for (const level of ['bwrap', 'unshare', 'none'] as ContainmentLevel[]) {
    if ((await detectContainment(level)).level !== level) continue;
    for (const warm of [true, false]) {
      const s = await Scratch.create(project);
      const plan = await planTests(project, s, { command: 'python3 -m unittest -q', containment: level, reuseInterpreter: warm });
      const ms: number[] = [];
      let status = '';
      try {
        for (let i = 0; i < runs + 1; i++) {
          const dir = await s.checkout('stats.py', text);
          const t0 = performance.now();
          const r = await runTests(plan, dir, { timeoutMs: 60_000, reportPath: s.path('r.xml') });
          if (i > 0) ms.push(performance.now() - t0); // the first run warms caches
          status = r.status;
          await s.release(dir);
        }
      } finally {
        closePlan(plan);
        await s.dispose();
      }
      rows.push({ level, path: warm && plan.server ? 'warm' : 'shell', status, timing: summarizeTimes(ms) });
      console.log(`${level.padEnd(8)} ${rows[rows.length - 1].path.padEnd(6)} median ${rows[rows.length - 1].timing.medianMs.toFixed(0)} ms (${status})`);
    }
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'containment.json'), `${JSON.stringify({ date: new Date().toISOString(), loadAverage: loadavg().map((x) => Math.round(x * 100) / 100), runs, fixture: 'test/fixtures/refine/stats (python3 -m unittest -q, 4 tests)', rows }, null, 2)}\n`);
  const md = ['| level | path | status | median ms | p95 ms |', '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.level} | ${r.path} | ${r.status} | ${r.timing.medianMs.toFixed(0)} | ${r.timing.p95Ms.toFixed(0)} |`)];
  writeFileSync(join(out, 'containment.md'), `${md.join('\n')}\n`);
}

main().catch((e) => { console.error(e); process.exit(1); });
