/**
 * An Ollama-compatible HTTP server for tests, on 127.0.0.1 and a free port. It speaks Ollama's wire
 * format: POST /api/chat and /api/generate (NDJSON streaming by default, one JSON object with
 * "stream": false), GET /api/tags, GET /api/version, and the 404 `model "x" not found, try pulling it
 * first` for models it does not have. Replies are scripted per request: text, chunking, delays,
 * HTTP errors, a stream cut in the middle, a stream that never says done, raw garbage lines.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReplyScript {
  /** The assistant's whole reply. */
  content?: string;
  /** The reply in explicit pieces (default: `content` in pieces of ~16 characters). */
  chunks?: string[];
  /** Wait before answering at all (no headers yet). */
  delayMs?: number;
  /** Wait between streamed pieces. */
  chunkDelayMs?: number;
  /** Destroy the connection after this many pieces (a stream cut in the middle). */
  cutAfter?: number;
  /** End the stream without the final `done: true` object. */
  noDone?: boolean;
  /** Stream these raw lines (garbage, not Ollama's objects) after a 200 header, then end. */
  rawLines?: string[];
  /** Answer with this HTTP status and `{"error": error}` instead. */
  status?: number;
  error?: string;
  doneReason?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Parsed JSON body (POST). */
  body: Record<string, unknown>;
  /** 0-based among generation requests (chat + generate). */
  index: number;
  /** The client closed the connection before the reply was complete. */
  aborted: boolean;
  completed: boolean;
}

export type Scripter = (req: RecordedRequest) => ReplyScript | Promise<ReplyScript>;

export interface FakeOllamaOptions {
  /** Installed models (`name:tag`); default qwen2.5-coder:7b. */
  models?: string[];
  reply?: Scripter;
  version?: string;
}

export interface FakeOllama {
  url: string;
  requests: RecordedRequest[];
  /** Generation requests only (chat and generate). */
  generations(): RecordedRequest[];
  setReply(reply: Scripter): void;
  setModels(models: string[]): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function withTag(m: string): string {
  return m.includes(':') ? m : `${m}:latest`;
}

function sendJson(res: ServerResponse, status: number, obj: unknown): void {
  const body = JSON.stringify(obj);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function pieces(s: ReplyScript): string[] {
  if (s.chunks) return s.chunks;
  const text = s.content ?? '';
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 16) out.push(text.slice(i, i + 16));
  return out;
}

function stats(text: string): Record<string, number> {
  const tokens = Math.max(1, Math.ceil(text.length / 4));
  return {
    total_duration: 1_234_567_890, load_duration: 12_345_678, prompt_eval_count: 321,
    prompt_eval_duration: 98_765_432, eval_count: tokens, eval_duration: tokens * 20_000_000,
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c) => { data += c; });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

export async function startFakeOllama(opts: FakeOllamaOptions = {}): Promise<FakeOllama> {
  let models = (opts.models ?? ['qwen2.5-coder:7b']).map(withTag);
  let reply: Scripter = opts.reply ?? (() => ({ content: '' }));
  const requests: RecordedRequest[] = [];
  let generationIndex = 0;
  const sockets = new Set<import('node:net').Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const raw = req.method === 'POST' ? await readBody(req) : '';
    let body: Record<string, unknown> = {};
    if (raw) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch (e) {
        sendJson(res, 400, { error: `invalid character in request body: ${(e as Error).message}` });
        return;
      }
    }
    const isGeneration = req.method === 'POST' && (path === '/api/chat' || path === '/api/generate');
    const rec: RecordedRequest = {
      method: req.method ?? 'GET', path, body, index: isGeneration ? generationIndex++ : -1, aborted: false, completed: false,
    };
    requests.push(rec);
    res.on('close', () => { if (!rec.completed) rec.aborted = true; });

    if (req.method === 'GET' && path === '/api/version') { rec.completed = true; sendJson(res, 200, { version: opts.version ?? '0.12.6' }); return; }
    if (req.method === 'GET' && path === '/api/tags') {
      rec.completed = true;
      sendJson(res, 200, {
        models: models.map((name) => ({
          name, model: name, modified_at: '2026-11-20T10:00:00.000000000Z', size: 4_683_087_332,
          digest: 'dae161e27b0e90dd1856c8bb3209201fd6736d8eb66298e75ed87571486f4364',
          details: { parent_model: '', format: 'gguf', family: 'qwen2', families: ['qwen2'], parameter_size: '7.6B', quantization_level: 'Q4_K_M' },
        })),
      });
      return;
    }
    if (!isGeneration) { rec.completed = true; sendJson(res, 404, { error: '404 page not found' }); return; }

    const model = typeof body.model === 'string' ? body.model : '';
    if (!model) { rec.completed = true; sendJson(res, 400, { error: 'model is required' }); return; }
    if (!models.includes(withTag(model))) {
      rec.completed = true;
      sendJson(res, 404, { error: `model "${model}" not found, try pulling it first` });
      return;
    }
    const script = await reply(rec);
    if (script.delayMs) await sleep(script.delayMs);
    if (res.destroyed) return;
    if (script.status) { rec.completed = true; sendJson(res, script.status, { error: script.error ?? 'internal error' }); return; }

    const chat = path === '/api/chat';
    const text = pieces(script).join('');
    const created = () => new Date().toISOString();
    const part = (chunk: string) => (chat
      ? { model, created_at: created(), message: { role: 'assistant', content: chunk }, done: false }
      : { model, created_at: created(), response: chunk, done: false });
    const last = () => (chat
      ? { model, created_at: created(), message: { role: 'assistant', content: '' }, done_reason: script.doneReason ?? 'stop', done: true, ...stats(text) }
      : { model, created_at: created(), response: '', done: true, done_reason: script.doneReason ?? 'stop', context: [151644, 872, 198], ...stats(text) });

    if (body.stream === false) {
      rec.completed = true;
      const whole = chat
        ? { ...last(), message: { role: 'assistant', content: text } }
        : { ...last(), response: text };
      sendJson(res, 200, whole);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    if (script.rawLines) {
      for (const line of script.rawLines) if (!res.destroyed) res.write(line);
      rec.completed = true;
      res.end();
      return;
    }
    // Each piece is on the wire before the next one (so that a cut really comes after them).
    const send = (line: string) => new Promise<void>((resolve) => { res.write(line, () => resolve()); });
    const list = pieces(script);
    for (let i = 0; i < list.length; i++) {
      if (res.destroyed) return;
      if (script.cutAfter !== undefined && i >= script.cutAfter) {
        res.socket?.destroy();
        return;
      }
      await send(`${JSON.stringify(part(list[i]))}\n`);
      if (script.chunkDelayMs) await sleep(script.chunkDelayMs);
    }
    if (res.destroyed) return;
    if (script.cutAfter !== undefined && script.cutAfter >= list.length) {
      res.socket?.destroy();
      return;
    }
    rec.completed = true;
    if (!script.noDone) res.write(`${JSON.stringify(last())}\n`);
    res.end();
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(e) });
      else res.destroy();
    });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    generations: () => requests.filter((r) => r.index >= 0),
    setReply: (r) => { reply = r; },
    setModels: (m) => { models = m.map(withTag); },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (for "Ollama is not running"). */
export async function closedPort(): Promise<string> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
