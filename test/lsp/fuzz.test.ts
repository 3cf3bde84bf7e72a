/**
 * Protocol fuzzing over the built server's real stdio: thousands of random and malformed messages
 * (bodies that are not JSON, JSON that is not JSON-RPC, wrong or missing Content-Length headers,
 * wrong parameter types, positions out of range, unknown URIs, unknown methods, requests after
 * shutdown). The server must never exit on its own, must answer every request it can read with a
 * proper JSON-RPC response, and must serve normal requests afterwards. Seeded, so failures repeat.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, ROOT, SERVER } from './client.js';

const buggy = fixture('buggy.py');

/** mulberry32: a small seeded generator. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/* eslint-disable @typescript-eslint/no-explicit-any */
interface Response { id: number | string | null; result?: any; error?: { code: number; message: string } }

class RawServer {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly responses = new Map<number | string, Response>();
  readonly nullErrors: Response[] = [];
  readonly notifications: { method: string; params: any }[] = [];
  readonly malformed: string[] = [];
  private out = Buffer.alloc(0);
  private waiters: (() => void)[] = [];

  constructor() {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: 'pipe' });
    this.proc.stdout.on('data', (d: Buffer) => this.read(d));
    this.proc.stdin.on('error', () => undefined);
  }

  private read(d: Buffer): void {
    this.out = Buffer.concat([this.out, d]);
    for (;;) {
      const end = this.out.indexOf('\r\n\r\n');
      if (end < 0) break;
      const m = /Content-Length: (\d+)/i.exec(this.out.subarray(0, end).toString('ascii'));
      if (!m) { this.malformed.push(this.out.subarray(0, end).toString()); this.out = this.out.subarray(end + 4); continue; }
      const len = Number(m[1]);
      if (this.out.length < end + 4 + len) break;
      const body = this.out.subarray(end + 4, end + 4 + len).toString('utf8');
      this.out = this.out.subarray(end + 4 + len);
      let msg: any;
      try { msg = JSON.parse(body); } catch { this.malformed.push(body); continue; }
      if (msg.method && msg.id !== undefined) this.write(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result: null }));
      else if (msg.method) this.notifications.push(msg);
      else if (msg.id === null) this.nullErrors.push(msg);
      else this.responses.set(msg.id, msg);
    }
    for (const w of this.waiters.splice(0)) w();
  }

  write(body: string | Buffer, header?: string): void {
    const b = typeof body === 'string' ? Buffer.from(body) : body;
    this.proc.stdin.write(Buffer.concat([Buffer.from(header ?? `Content-Length: ${b.length}\r\n\r\n`), b]));
  }

  request(id: number | string, method: string, params?: unknown): void {
    this.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  }

  notify(method: string, params?: unknown): void {
    this.write(JSON.stringify({ jsonrpc: '2.0', method, params }));
  }

  async response(id: number | string, ms = 20_000): Promise<Response> {
    const deadline = Date.now() + ms;
    while (!this.responses.has(id)) {
      if (Date.now() > deadline || this.proc.exitCode !== null) {
        throw new Error(`no response to ${id} (exit ${this.proc.exitCode}); last notifications ${JSON.stringify(this.notifications.slice(-3))}`);
      }
      await new Promise<void>((r) => { const t = setTimeout(r, 100); this.waiters.push(() => { clearTimeout(t); r(); }); });
    }
    return this.responses.get(id)!;
  }
}

const METHODS = [
  'textDocument/hover', 'textDocument/codeAction', 'workspace/executeCommand', 'textDocument/diagnostic',
  'textDocument/completion', 'textDocument/definition', 'flare/unknown', 'workspace/symbol', 'initialize', '$/cancelRequest',
];
const NOTIFICATIONS = [
  'textDocument/didOpen', 'textDocument/didChange', 'textDocument/didClose', 'textDocument/didSave',
  'workspace/didChangeConfiguration', '$/cancelRequest', 'window/workDoneProgress/cancel', 'flare/whatever', 'initialized',
];

function fuzzValue(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * 12);
  switch (pick) {
    case 0: return null;
    case 1: return Math.floor((r() - 0.5) * 2 ** (r() * 40));
    case 2: return r() < 0.5 ? -1 : 2 ** 31;
    case 3: return ['', 'x', 'file:///nope/missing.py', buggy.uri, 'not a uri', '\u0000\uffff', 'é'.repeat(50)][Math.floor(r() * 7)];
    case 4: return r() < 0.5;
    case 5: return { line: fuzzValue(r, depth + 1), character: fuzzValue(r, depth + 1) };
    case 6: return { textDocument: { uri: r() < 0.5 ? buggy.uri : fuzzValue(r, depth + 1), version: fuzzValue(r, depth + 1) }, position: fuzzValue(r, depth + 1) };
    case 7: return { start: { line: Math.floor(r() * 1e6), character: -3 }, end: { line: 'x', character: 1 } };
    case 8: return depth > 3 ? [] : [fuzzValue(r, depth + 1), fuzzValue(r, depth + 1)];
    case 9: return { command: r() < 0.5 ? 'flare.refine' : 'flare.cancel', arguments: [fuzzValue(r, depth + 1)] };
    case 10: return { contentChanges: [{ range: fuzzValue(r, depth + 1), text: 'x\n' }], textDocument: { uri: buggy.uri, version: Math.floor(r() * 100) } };
    default: return depth > 3 ? {} : { a: fuzzValue(r, depth + 1), textDocument: fuzzValue(r, depth + 1) };
  }
}

function junkBytes(r: () => number): Buffer {
  const b = Buffer.alloc(1 + Math.floor(r() * 200));
  for (let i = 0; i < b.length; i++) b[i] = Math.floor(r() * 256);
  return b;
}

let server: RawServer | undefined;
afterEach(() => {
  if (server?.proc.exitCode === null) server.proc.kill('SIGKILL');
  server = undefined;
});

function expectProper(res: Response, what: string): void {
  expect(res, what).toHaveProperty('jsonrpc', '2.0');
  if (res.error) {
    expect(Number.isInteger(res.error.code), what).toBe(true);
    expect(typeof res.error.message, what).toBe('string');
  } else {
    expect(res, what).toHaveProperty('result');
  }
}

describe('protocol fuzzing', () => {
  it('survives thousands of random and malformed messages, answers every readable request, then serves normally', { timeout: 240_000 }, async () => {
    const r = rng(20261126);
    const s = (server = new RawServer());
    s.request('init', 'initialize', { processId: process.pid, rootUri: pathToFileURL(ROOT).href, capabilities: {}, initializationOptions: { diagnostics: { threshold: 0, maxPerFile: 1000, debounceMs: 0 } } });
    expectProper(await s.response('init'), 'initialize');
    s.notify('initialized', {});
    s.notify('textDocument/didOpen', { textDocument: { uri: buggy.uri, languageId: 'python', version: 1, text: buggy.text } });

    let sent = 0;
    let nextId = 1;
    for (let batch = 0; batch < 40; batch++) {
      // Two batches in three keep the framing right (every request must be answered); the third breaks it.
      const chaos = batch % 3 === 2;
      const ids: number[] = [];
      for (let i = 0; i < 80; i++, sent++) {
        const k = r();
        if (k < 0.35) {
          const id = nextId++;
          s.request(id, METHODS[Math.floor(r() * METHODS.length)], r() < 0.1 ? undefined : fuzzValue(r));
          if (!chaos) ids.push(id);
        } else if (k < 0.6) {
          s.notify(NOTIFICATIONS[Math.floor(r() * NOTIFICATIONS.length)], fuzzValue(r));
        } else if (k < 0.7) {
          const whole = JSON.stringify({ jsonrpc: '2.0', id: nextId++, method: 'textDocument/hover', params: fuzzValue(r) });
          s.write(whole.slice(0, Math.floor(r() * whole.length))); // truncated JSON, right length
        } else if (k < 0.78) {
          s.write(junkBytes(r));
        } else if (k < 0.85) {
          s.write([JSON.stringify([1, 2, 3]), '{"hello":"world"}', '42', '"text"', '{"jsonrpc":"2.0","id":{},"method":7}', '{"jsonrpc":"2.0","method":null}'][Math.floor(r() * 6)]);
        } else if (chaos) {
          const body = JSON.stringify({ jsonrpc: '2.0', id: nextId++, method: 'textDocument/hover', params: fuzzValue(r) });
          const headers = [
            `Content-Length: ${body.length + 1 + Math.floor(r() * 40)}\r\n\r\n`,
            `Content-Length: ${Math.max(0, body.length - 1 - Math.floor(r() * 40))}\r\n\r\n`,
            'Content-Length: banana\r\n\r\n', 'Content-Type: text/plain\r\n\r\n', `Content-Length: ${2 ** 40}\r\n\r\n`,
            'garbage without a colon\r\n\r\n', '', `Content-Length: -5\r\n\r\n`,
          ];
          s.write(body, headers[Math.floor(r() * headers.length)]);
        } else {
          s.notify('textDocument/didChange', { textDocument: { uri: buggy.uri, version: 2 + batch * 100 + i }, contentChanges: [{ range: { start: { line: 999, character: 0 }, end: { line: 1000, character: 5 } }, text: 'z' }] });
        }
      }
      const sentinel = `sentinel-${batch}`;
      s.request(sentinel, 'textDocument/hover', { textDocument: { uri: buggy.uri }, position: { line: 0, character: 0 } });
      expectProper(await s.response(sentinel), `batch ${batch} sentinel`);
      for (const id of ids) expectProper(await s.response(id, 5000), `request ${id} in batch ${batch}`);
      expect(s.proc.exitCode, `exited in batch ${batch}`).toBeNull();
    }
    expect(sent).toBeGreaterThanOrEqual(3000);
    // Broken frames were answered with errors of id null, and nothing malformed came back.
    expect(s.nullErrors.length).toBeGreaterThan(100);
    for (const e of s.nullErrors) expect([-32700, -32600]).toContain(e.error?.code);
    expect(s.malformed).toEqual([]);
    expect(s.notifications.filter((n) => /internal error/.test(JSON.stringify(n.params)))).toEqual([]);

    // Normal service afterwards: a fresh document gets diagnostics, hover answers.
    const uri = pathToFileURL(`${ROOT}/test/fixtures/lsp/fuzzed-after.py`).href;
    s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: buggy.text } });
    const deadline = Date.now() + 30_000;
    while (!s.notifications.some((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.diagnostics.length) && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(s.notifications.some((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.diagnostics.length > 0), JSON.stringify(s.notifications.filter((n) => n.params?.uri === uri || n.method !== 'textDocument/publishDiagnostics').slice(-8))).toBe(true);
    s.request('after', 'textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    expectProper(await s.response('after'), 'hover after fuzzing');

    // Requests after shutdown are refused with InvalidRequest; exit then ends the process with 0.
    s.request('bye', 'shutdown', null);
    expect((await s.response('bye')).result).toBeNull();
    s.request('late', 'textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    expect((await s.response('late')).error?.code).toBe(-32600);
    s.notify('exit');
    const code = await new Promise((res) => { if (s.proc.exitCode !== null) res(s.proc.exitCode); else s.proc.on('exit', res); });
    expect(code).toBe(0);
  });
});
