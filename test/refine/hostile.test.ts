/**
 * Hostile candidates, run for real at each containment level this machine offers (bubblewrap, the
 * unshare fallback, none), through the warm interpreter and through the shell. Each hostile file is the
 * correct fix plus something a candidate must not get away with; every one must end as a failed run
 * within its limits, and the user's project must stay byte for byte the same.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningGroups } from '../../server/src/exec/process.js';
import { type ContainmentLevel, detectContainment } from '../../server/src/exec/sandbox.js';
import { Scratch } from '../../server/src/exec/scratch.js';
import { closePlan, planTests, runTests } from '../../server/src/exec/tests.js';
import { cleanupProjects, copyFixture, FIXTURES, snapshot } from '../support/project.js';

const ORIGINAL = readFileSync(join(FIXTURES, 'stats', 'stats.py'), 'utf8');
const FIXED = ORIGINAL.replace('        lo = min(lo, x)\n', '        lo = min(lo, x)\n        hi = max(hi, x)\n');
const MARK = `${3000 + (process.pid % 1000)}.5`;

/** Processes anywhere on the machine whose command line carries `mark`. */
function withMark(mark: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (cmd[0] === 'sleep' && cmd[1] === mark) found.push(Number(name));
    } catch { /* gone */ }
  }
  return found;
}

interface Hostile {
  name: string;
  /** Python put before the correct code (runs when the tests import the module). */
  code: (ctx: { project: string; outside: string; port: number }) => string;
  /** Needs the file system fenced (bubblewrap only). */
  fs?: boolean;
  /** Needs a PID namespace (forks that leave their process group). */
  pid?: boolean;
  /** Needs a network namespace. */
  net?: boolean;
}

const HOSTILE: Hostile[] = [
  { name: 'loops forever', code: () => 'while True:\n    pass\n' },
  {
    name: 'forks a hundred processes',
    pid: true,
    code: () => [
      'import os',
      'for _ in range(100):',
      '    if os.fork() == 0:',
      '        os.setsid()',
      `        os.execvp("sleep", ["sleep", "${MARK}"])`,
      'for _ in range(100):',
      '    os.wait()',
      '',
    ].join('\n'),
  },
  { name: 'allocates 10 GB', code: () => 'hog = bytearray(10 * 1024 ** 3)\n' },
  {
    name: 'writes outside its scratch folder',
    fs: true,
    code: ({ project, outside }) => [
      `open(${JSON.stringify(join(project, 'pwned.py'))}, "w").write("x")`,
      `open(${JSON.stringify(join(outside, 'pwned.txt'))}, "w").write("x")`,
      '',
    ].join('\n'),
  },
  {
    name: 'deletes the files around it',
    fs: true,
    code: ({ project }) => [
      'import os, shutil',
      'shutil.rmtree("../../base", ignore_errors=True)',
      `for name in os.listdir(${JSON.stringify(project)}):`,
      `    p = os.path.join(${JSON.stringify(project)}, name)`,
      '    shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)',
      '',
    ].join('\n'),
  },
  {
    name: 'connects to 127.0.0.1',
    net: true,
    code: ({ port }) => `import socket\nsocket.create_connection(("127.0.0.1", ${port}), timeout=2).sendall(b"leak")\n`,
  },
  { name: 'prints 100 MB', code: () => 'import sys\nsys.stdout.write("x" * 100_000_000)\nsys.stdout.flush()\n' },
];

let listener: Server;
let port = 0;
let connections = 0;
const outside = mkdtempSync(join(tmpdir(), 'flare-outside-'));

beforeAll(async () => {
  listener = createServer((sock) => { connections++; sock.destroy(); });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  port = (listener.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((r) => listener.close(r));
  rmSync(outside, { recursive: true, force: true });
  cleanupProjects();
});

const levels: ContainmentLevel[] = ['bwrap', 'unshare', 'none'];

describe.each(levels)('hostile candidates, containment %s', (level) => {
  for (const warm of [true, false]) {
    it(`each ends as a failed run and the project stays the same (${warm ? 'warm interpreter' : 'shell'})`, { timeout: 240_000 }, async (ctx) => {
      const c = await detectContainment(level);
      if (c.level !== level) ctx.skip();
      const project = copyFixture('stats');
      const before = snapshot(project);
      const s = await Scratch.create(project);
      const plan = await planTests(project, s, { command: 'python3 -m unittest -q', containment: level, reuseInterpreter: warm });
      try {
        expect(plan.level).toBe(level);
        expect(!!plan.server).toBe(warm);
        const contained = (h: Hostile) => (!h.fs || level === 'bwrap') && (!h.pid || plan.pidNamespace) && (!h.net || level !== 'none');
        const check = async (text: string) => {
          const dir = await s.checkout('stats.py', text);
          try {
            return await runTests(plan, dir, { timeoutMs: 6000, reportPath: s.path('r.xml') });
          } finally {
            await s.release(dir);
          }
        };
        const good = await check(FIXED);
        expect(good.status, good.output).toBe('passed');
        for (const h of HOSTILE.filter(contained)) {
          const seen = connections;
          const r = await check(h.code({ project, outside, port }) + FIXED);
          expect(['failed', 'timeout'], `${h.name}: ${r.status}\n${r.output.slice(-600)}`).toContain(r.status);
          expect(r.failed, h.name).toBeGreaterThan(0);
          expect(r.ms, h.name).toBeLessThan(15_000);
          expect(r.output.length, h.name).toBeLessThan(10_000);
          expect(connections, h.name).toBe(seen);
          if (h.pid) {
            await new Promise((res) => setTimeout(res, 300));
            expect(withMark(MARK), `${h.name}: forks left running`).toEqual([]);
          }
          if (h.name === 'allocates 10 GB') expect(r.output).toMatch(/MemoryError/);
          // The project is visible inside bubblewrap (it lives under /tmp here) but read-only.
          if (h.fs) expect(r.output, h.name).toMatch(/Read-only file system/);
          // Stopped at 8 MB (on a very busy machine the time limit may come first).
          if (h.name === 'prints 100 MB' && r.status !== 'timeout') expect(r.output).toMatch(/printed more than 8 MB/);
          expect(snapshot(project), h.name).toEqual(before);
          expect(existsSync(join(outside, 'pwned.txt')), h.name).toBe(false);
        }
        // The scratch copy survives its hostile runs: the correct fix still passes.
        const after = await check(FIXED);
        expect(after.status, after.output).toBe('passed');
      } finally {
        closePlan(plan);
        await s.dispose();
        for (const pid of withMark(MARK)) process.kill(pid, 'SIGKILL');
      }
      expect(runningGroups()).toEqual([]);
      expect(snapshot(project)).toEqual(before);
    });
  }
});
