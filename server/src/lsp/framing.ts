/**
 * A guard in front of the protocol reader. It passes on only well-formed frames (a Content-Length
 * header within limits and a JSON-RPC message as the body) and answers the rest with a JSON-RPC
 * error (id null): -32700 for bad headers or bodies that are not JSON, -32600 for JSON that is no
 * JSON-RPC message. After a broken frame it finds the next `Content-Length:` header, so that one
 * bad length does not swallow or wedge the rest of the session: a body that is not JSON but holds a
 * header is cut there, and a body still incomplete after a pause is given up when the bytes
 * received so far hold another header.
 */
import { Transform, type TransformCallback } from 'node:stream';

const HEADER = Buffer.from('Content-Length:', 'ascii');
const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
/** Largest body accepted (bytes). */
export const MAX_BODY = 64 * 1024 * 1024;
/** Longest header block. */
const MAX_HEADER = 4096;
const STALL_MS = 1000;

export type Reply = (code: number, message: string) => void;

function isMessage(v: unknown): boolean {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const m = v as Record<string, unknown>;
  if (typeof m.method === 'string') return m.id === undefined || typeof m.id === 'number' || typeof m.id === 'string';
  return 'id' in m && ('result' in m || 'error' in m);
}

export class FrameGuard extends Transform {
  private buf: Buffer = Buffer.alloc(0);
  private stall: NodeJS.Timeout | undefined;

  constructor(private readonly reply: Reply, private readonly stallMs = STALL_MS) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    this.drain();
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.stall) clearTimeout(this.stall);
    done();
  }

  /** Drop everything before the next header after `from` (all but a possible header prefix when none). */
  private resync(from: number): void {
    const next = this.buf.indexOf(HEADER, Math.max(1, from));
    this.buf = next >= 0 ? this.buf.subarray(next) : this.buf.subarray(Math.max(0, this.buf.length - HEADER.length + 1));
  }

  private drain(): void {
    if (this.stall) clearTimeout(this.stall);
    this.stall = undefined;
    for (;;) {
      const end = this.buf.indexOf(HEADER_END);
      if (end < 0) {
        if (this.buf.length > MAX_HEADER) {
          this.reply(-32700, 'Parse error: no message header');
          this.resync(1);
          continue;
        }
        return;
      }
      const length = this.contentLength(this.buf.subarray(0, end).toString('ascii'));
      if (typeof length === 'string') {
        this.reply(-32700, `Parse error: ${length}`);
        this.resync(1);
        continue;
      }
      const start = end + HEADER_END.length;
      if (this.buf.length < start + length) {
        this.stall = setTimeout(() => this.stalled(start), this.stallMs);
        this.stall.unref();
        return;
      }
      const body = this.buf.subarray(start, start + length);
      let msg: unknown;
      try {
        msg = JSON.parse(body.toString('utf8'));
      } catch {
        this.reply(-32700, 'Parse error: the message body is not JSON');
        const inner = body.indexOf(HEADER);
        if (inner >= 0) this.resync(start + inner);
        else this.buf = this.buf.subarray(start + length);
        continue;
      }
      this.buf = this.buf.subarray(start + length);
      if (!isMessage(msg)) {
        this.reply(-32600, 'Invalid Request: not a JSON-RPC 2.0 message');
        continue;
      }
      this.push(Buffer.concat([Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'ascii'), body]));
    }
  }

  /** A body that waits for bytes that may never come: give it up when another header already came. */
  private stalled(start: number): void {
    const inner = this.buf.indexOf(HEADER, start);
    if (inner < 0) return;
    this.reply(-32700, 'Parse error: the message is shorter than its Content-Length');
    this.resync(inner);
    this.drain();
  }

  /** The body length, or why the header block is unusable. */
  private contentLength(block: string): number | string {
    let length: number | undefined;
    for (const line of block.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) return 'malformed header line';
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') {
        if (!/^\d{1,10}$/.test(value)) return `bad Content-Length ${JSON.stringify(value.slice(0, 20))}`;
        length = Number(value);
      }
    }
    if (length === undefined) return 'no Content-Length header';
    if (length > MAX_BODY) return `Content-Length ${length} is over the limit of ${MAX_BODY} bytes`;
    return length;
  }
}

/** One JSON-RPC error response frame with id null. */
export function errorFrame(code: number, message: string): string {
  const body = JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}
