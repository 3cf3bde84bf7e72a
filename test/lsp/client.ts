/**
 * A small LSP client for the protocol tests: spawns the built server (`node bin/flare-ls.js --stdio`),
 * speaks JSON-RPC over its stdio with vscode-jsonrpc, and keeps every message the server sends in an
 * inbox. Tests take the messages they expect out of the inbox; `leftovers()` is what nobody expected.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection,
} from 'vscode-jsonrpc/node';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER = join(ROOT, 'bin', 'flare-ls.js');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'lsp');

export function fixture(name: string): { path: string; uri: string; text: string } {
  const path = join(FIXTURES, name);
  return { path, uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') };
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface Inbound {
  kind: 'notification' | 'request';
  method: string;
  params: any;
}

export interface Diag {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  source: string;
  code: string;
  message: string;
  data: { score: number; rank: number };
}

export interface StartOptions {
  initializationOptions?: unknown;
  capabilities?: Record<string, unknown>;
  /** Answer for workspace/configuration `flare` (makes the client advertise configuration support). */
  configuration?: () => unknown;
  processId?: number | null;
  rootUri?: string | null;
  args?: string[];
  /** Environment of the server process (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

const BASE_CAPABILITIES = {
  textDocument: {
    synchronization: { didSave: true, dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  window: { showMessage: {} },
};

export class TestClient {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly conn: MessageConnection;
  readonly inbox: Inbound[] = [];
  stderr = '';
  exitCode: Promise<number | null>;
  configuration: (() => unknown) | undefined;
  /** Answers to server requests by method (others get null; every request stays in the inbox too). */
  answers: Record<string, (params: any) => unknown> = {};
  private wakers: (() => void)[] = [];

  constructor(args: string[] = ['--stdio'], env?: NodeJS.ProcessEnv) {
    this.proc = spawn(process.execPath, [SERVER, ...args], { cwd: ROOT, stdio: 'pipe', env: env ?? process.env });
    this.proc.stderr.on('data', (d: Buffer) => { this.stderr += d.toString(); });
    this.exitCode = new Promise((res) => this.proc.on('exit', (code) => res(code)));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.conn.onNotification((method: string, params: any) => this.push({ kind: 'notification', method, params }));
    // vscode-jsonrpc routes $/progress to progress handlers, not to onNotification.
    this.conn.onUnhandledProgress((params: any) => this.push({ kind: 'notification', method: '$/progress', params }));
    this.conn.onRequest((method: string, params: any) => {
      this.push({ kind: 'request', method, params });
      if (method === 'workspace/configuration') {
        return (params.items as { section?: string }[]).map((it) => (it.section === 'flare' ? this.configuration?.() ?? null : null));
      }
      return this.answers[method] ? this.answers[method](params) : null;
    });
    this.conn.onError(() => undefined);
    this.conn.onClose(() => undefined);
    this.conn.listen();
  }

  /** Spawn, initialize and send `initialized`. */
  static async start(opts: StartOptions = {}): Promise<TestClient> {
    const c = new TestClient(opts.args, opts.env);
    c.configuration = opts.configuration;
    await c.initialize(opts);
    return c;
  }

  async initialize(opts: StartOptions): Promise<any> {
    const capabilities: any = structuredClone({ ...BASE_CAPABILITIES, ...(opts.capabilities ?? {}) });
    if (opts.configuration) capabilities.workspace = { ...(capabilities.workspace ?? {}), configuration: true, didChangeConfiguration: { dynamicRegistration: false } };
    const result = await this.conn.sendRequest('initialize', {
      processId: opts.processId === undefined ? process.pid : opts.processId,
      rootUri: opts.rootUri === undefined ? pathToFileURL(ROOT).href : opts.rootUri,
      capabilities,
      initializationOptions: opts.initializationOptions,
    });
    await this.conn.sendNotification('initialized', {});
    this.initializeResult = result;
    return result;
  }

  initializeResult: any;

  private push(m: Inbound): void {
    this.inbox.push(m);
    for (const w of this.wakers.splice(0)) w();
  }

  /** Take the first message of `method` matching `pred` out of the inbox, waiting up to `ms`. */
  async next(method: string, pred: (params: any) => boolean = () => true, ms = 30_000): Promise<any> {
    const deadline = Date.now() + ms;
    for (;;) {
      const i = this.inbox.findIndex((m) => m.method === method && pred(m.params));
      if (i >= 0) return this.inbox.splice(i, 1)[0].params;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`timed out waiting for ${method}; inbox: ${JSON.stringify(this.inbox).slice(0, 2000)}\nstderr: ${this.stderr.slice(0, 2000)}`);
      }
      await new Promise<void>((res) => {
        const t = setTimeout(res, left);
        this.wakers.push(() => { clearTimeout(t); res(); });
      });
    }
  }

  /** The next publishDiagnostics for `uri` (optionally of one version). */
  diagnostics(uri: string, version?: number, ms?: number): Promise<{ uri: string; version?: number; diagnostics: Diag[] }> {
    return this.next('textDocument/publishDiagnostics', (p) => p.uri === uri && (version === undefined || p.version === version), ms);
  }

  /** Messages of `method` now in the inbox, taken out. */
  take(method: string): any[] {
    const out: any[] = [];
    for (let i = this.inbox.length - 1; i >= 0; i--) if (this.inbox[i].method === method) out.unshift(this.inbox.splice(i, 1)[0].params);
    return out;
  }

  /** Wait `ms`, so that anything the server was going to send has arrived. */
  settle(ms = 400): Promise<void> {
    return new Promise((res) => setTimeout(res, ms));
  }

  /** Messages nobody took, except informational log lines. */
  leftovers(): Inbound[] {
    return this.inbox.filter((m) => !(m.method === 'window/logMessage' && m.params.type >= 3));
  }

  request(method: string, params: unknown, token?: CancellationTokenSource): Promise<any> {
    return token ? this.conn.sendRequest(method, params, token.token) : this.conn.sendRequest(method, params);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  open(uri: string, text: string, version = 1, languageId = 'python'): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: unknown[]): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** shutdown + exit; resolves with the exit code. */
  async stop(): Promise<number | null> {
    await this.request('shutdown', null);
    await this.notify('exit', null);
    const code = await Promise.race([this.exitCode, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
    if (code === 'timeout') {
      this.kill();
      throw new Error('server did not exit after shutdown/exit');
    }
    this.conn.dispose();
    return code;
  }

  kill(): void {
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
  }
}

export { CancellationTokenSource };

/** The bug kinds the bundled model can name (from its metadata). */
export function bugKinds(): string[] {
  return (JSON.parse(readFileSync(join(ROOT, 'models', 'flare-python.json'), 'utf8')) as { bugKinds: string[] }).bugKinds;
}

/** Non-blank lines of a text (0-based). */
export function nonBlankLines(text: string): number[] {
  return text.split('\n').flatMap((l, i) => (l.trim() ? [i] : []));
}

/**
 * Lines that can be suspicious (0-based): non-blank, not a comment, not a one-line docstring.
 * Good enough for the test fixtures, whose comments and docstrings are all one-liners.
 */
export function codeLines(text: string): number[] {
  return text.split('\n').flatMap((l, i) => {
    const t = l.trim();
    return t && !t.startsWith('#') && !t.startsWith('"""') && !t.startsWith("'''") ? [i] : [];
  });
}
