/**
 * Language-server latency benchmark: spawns the built server (`node bin/flare-ls.js --stdio`) like an
 * editor, opens a generated 1,000-line Python file and types into it, measuring
 *   - cold start: spawn → first publishDiagnostics of the opened file,
 *   - didChange → publishDiagnostics (debounce 0), median and p95 over the edits,
 *   - server RSS (VmRSS of the process, worker thread included) as the edits go on,
 * then times the engine's stages in this process (parse / featurize / encode / head) to show where
 * the time goes. Writes bench/results/lsp.json (or lsp.json in the folder given to `npm run bench -- --out`).
 *
 *   npm run build && node dist/bench/lsp.js
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const LINES = 1000;
/** Edits typed (BENCH_EDITS overrides; RSS is sampled at RSS_AT and at the last edit). */
const EDITS = Number(process.env.BENCH_EDITS ?? 400);
const RSS_AT = [0, 50, 100, 150, 200, 300, 400];

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bin', 'flare-ls.js'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the flare-ls repository root');
}

/** A 1,000-line module of small functions; `literals` are the (line, column) of one number per function. */
export function benchFile(): { text: string; literals: { line: number; col: number; len: number }[] } {
  const out: string[] = ['"""Generated benchmark module."""', 'import math', ''];
  const literals: { line: number; col: number; len: number }[] = [];
  for (let i = 0; out.length < LINES; i++) {
    const body = [
      '',
      `def score_${i}(items, limit, scale=${(i % 5) + 1}):`,
      '    total = 0',
      '    best = None',
      '    for k, value in enumerate(items):',
      '        if value is None or k % 2 == 1:',
      '            continue',
      `        weight = value * scale + ${i % 97}`,
      '        if weight > limit:',
      '            best = k if best is None else min(best, k)',
      '        total += weight',
      '    return math.floor(total), best',
    ];
    for (const l of body) {
      if (l.startsWith('        weight = value * scale + ')) {
        literals.push({ line: out.length, col: l.lastIndexOf('+ ') + 2, len: String(i % 97).length });
      }
      out.push(l);
    }
  }
  out.length = LINES;
  return { text: `${out.join('\n')}\n`, literals: literals.filter((l) => l.line < LINES) };
}

function rssMB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

const r1 = (x: number) => Math.round(x * 10) / 10;

async function serverBench(root: string) {
  const { text, literals } = benchFile();
  const uri = pathToFileURL(join(root, 'bench', 'bench_lsp_file.py')).href;
  const t0 = performance.now();
  const proc = spawn(process.execPath, [join(root, 'bin', 'flare-ls.js'), '--stdio'], { cwd: root, stdio: 'pipe' });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiting = new Map<number, (t: number) => void>();
  let published = 0;
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
    published++;
    if (p.uri === uri && p.version !== undefined) waiting.get(p.version)?.(performance.now());
  });
  // Debug logging reports the time each scoring spent in the worker: the rest of a round trip is
  // the protocol layer, the thread hop and the OS scheduler.
  const workerMs: number[] = [];
  conn.onNotification('window/logMessage', (p: { message: string }) => {
    const m = / v(\d+): .* ([\d.]+) ms in worker/.exec(p.message);
    if (m && Number(m[1]) > 1) workerMs.push(Number(m[2]));
  });
  conn.listen();
  const publishedAt = (version: number) => new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for version ${version}; stderr: ${stderr}`)), 60_000);
    waiting.set(version, (t) => { clearTimeout(timer); waiting.delete(version); resolve(t); });
  });

  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions: { diagnostics: { debounceMs: 0 }, logLevel: 'debug' },
  });
  await conn.sendNotification('initialized', {});
  const first = publishedAt(1);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  const coldStartMs = (await first) - t0;

  const latencies: number[] = [];
  const rss: Record<string, number> = { '0': r1(rssMB(proc.pid!)) };
  const values = literals.map((l) => text.split('\n')[l.line].slice(l.col, l.col + l.len));
  for (let i = 1; i <= EDITS; i++) {
    const k = (i * 37) % literals.length;
    const lit = literals[k];
    const next = String((Number(values[k]) + 1) % 100);
    const range = { start: { line: lit.line, character: lit.col }, end: { line: lit.line, character: lit.col + values[k].length } };
    values[k] = next;
    const version = i + 1;
    const done = publishedAt(version);
    const sent = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: next }] });
    latencies.push((await done) - sent);
    if (RSS_AT.includes(i) || i === EDITS) rss[String(i)] = r1(rssMB(proc.pid!));
  }

  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  const exitCode = await new Promise<number | null>((res) => proc.on('exit', (c) => res(c)));
  conn.dispose();
  const after200 = latencies.slice(0, 200);
  return {
    file: { lines: text.split('\n').length - 1, bytes: Buffer.byteLength(text) },
    coldStartMs: r1(coldStartMs),
    change: {
      edits: latencies.length,
      medianMs: r1(quantile(latencies, 0.5)),
      p95Ms: r1(quantile(latencies, 0.95)),
      meanMs: r1(latencies.reduce((a, b) => a + b, 0) / latencies.length),
      maxMs: r1(Math.max(...latencies)),
      first200: { medianMs: r1(quantile(after200, 0.5)), p95Ms: r1(quantile(after200, 0.95)) },
      /** Of each round trip, the time spent scoring inside the worker (Diagnoser.diagnose). */
      workerMedianMs: workerMs.length ? r1(quantile(workerMs, 0.5)) : null,
      workerP95Ms: workerMs.length ? r1(quantile(workerMs, 0.95)) : null,
    },
    rssMB: rss,
    /** RSS change from edit 200 to the last edit: near 0 when memory is not growing. */
    rssGrowthMBAfter200: rss[String(EDITS)] !== undefined && rss['200'] !== undefined ? r1(rss[String(EDITS)] - rss['200']) : null,
    published,
    exitCode,
  };
}

/** Where a re-score of the edited file spends its time, measured in-process on the same file. */
async function engineBreakdown(runs = 30) {
  const { Diagnoser } = await import('../server/src/diagnose/diagnoser.js');
  const { languageFor } = await import('../server/src/language/index.js');
  const { featurize, LINE_FEATURES } = await import('../server/src/diagnose/featurizer.js');
  const { text, literals } = benchFile();
  const adapter = languageFor('python')!;
  await adapter.init();
  const d = new Diagnoser();
  await d.diagnose(text, 'python');
  const model = (await d.scorer('python')).model;
  const t: Record<string, number[]> = { parse: [], featurize: [], encodeOneWindow: [], head: [], diagnoseCached: [], diagnoseFull: [] };
  let windows = 0;
  let candidates = 0;
  for (let i = 0; i < runs; i++) {
    const lit = literals[(i * 11) % literals.length];
    const lines = text.split('\n');
    lines[lit.line] = `${lines[lit.line].slice(0, lit.col)}${50 + i}${lines[lit.line].slice(lit.col + lit.len)}`;
    const edited = lines.join('\n');
    let s = performance.now();
    const parsed = adapter.parse(edited);
    t.parse.push(performance.now() - s);
    s = performance.now();
    const f = featurize(parsed, model.meta.vocab);
    t.featurize.push(performance.now() - s);
    windows = f.windows.length;
    candidates = f.candidates.length;
    s = performance.now();
    await model.encode([f.windows[(i * 7) % f.windows.length]]);
    t.encodeOneWindow.push(performance.now() - s);
    s = performance.now();
    await model.runHead(new Float32Array(candidates * model.dim), new Float32Array(candidates * LINE_FEATURES), candidates);
    t.head.push(performance.now() - s);
    s = performance.now();
    await d.diagnose(edited, 'python');
    t.diagnoseCached.push(performance.now() - s);
    if (i < 5) {
      s = performance.now();
      await d.diagnose(edited, 'python', { useCache: false });
      t.diagnoseFull.push(performance.now() - s);
    }
  }
  const med = Object.fromEntries(Object.entries(t).map(([k, v]) => [`${k}Ms`, r1(quantile(v, 0.5))]));
  return { runs, windows, candidates, median: med };
}

/** Runs the server benchmark and writes lsp.json into `opts.out` (default bench/results). */
export async function runLspBench(opts: { out?: string } = {}): Promise<object> {
  const root = repoRoot();
  const server = await serverBench(root);
  const engine = await engineBreakdown();
  const result = {
    bench: 'lsp',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, loadavg1m: r1(loadavg()[0]), node: process.version },
    ...server,
    engine,
    targets: { changeMedianMs: 30, changeP95Ms: 60, coldStartMs: 1500, rssAfter200MB: 250 },
    meets: {
      changeMedian: server.change.medianMs <= 30,
      changeP95: server.change.p95Ms <= 60,
      coldStart: server.coldStartMs <= 1500,
      rssAfter200: server.rssMB['200'] <= 250,
    },
  };
  const dir = opts.out ?? join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'lsp.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runLspBench().then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (e) => {
      process.stderr.write(`bench/lsp: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 1;
    },
  );
}
