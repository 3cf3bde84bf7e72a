/**
 * Candidates from a local Ollama server: one streamed chat request per region (Ollama has no `n`),
 * the same `num_ctx` on every request, a per-request time limit, and cancellation that closes the
 * HTTP request (which stops generation on the server). Replies go through ../reply.ts; a reply that
 * cannot be applied drops that candidate with a log line.
 */
import { Ollama, type AbortableAsyncIterator, type ChatResponse } from 'ollama';
import { changeSize, type NewCandidate } from '../candidate.js';
import { buildPrompt } from '../prompt.js';
import { applyReply } from '../reply.js';
import type { CandidateGenerator, GenerationInput } from './types.js';
import type { RefineSettings } from '../settings.js';

/** The `ollama.*` settings (see settings.ts). */
export type OllamaOptions = RefineSettings['ollama'];

export type OllamaErrorKind = 'unreachable' | 'model-missing' | 'failed';

export class OllamaError extends Error {
  constructor(readonly kind: OllamaErrorKind, message: string) {
    super(message);
    this.name = 'OllamaError';
  }
}

/** Tokens generated per reply at most (a rewrite of a region or function, not an essay). */
const NUM_PREDICT = 2048;
/** A reply longer than this is no fix (num_predict caps a real model far below it): the stream is dropped. */
const MAX_REPLY_CHARS = 200_000;

/** A client whose every fetch also listens to `signal` (the client's own abort() only covers streams). */
function client(host: string, signal: AbortSignal): Ollama {
  const f: typeof fetch = (input, init) => fetch(input, {
    ...init,
    signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal,
  });
  return new Ollama({ host, fetch: f });
}

function withTag(model: string): string {
  return model.includes(':') ? model : `${model}:latest`;
}

function describe(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  return err.cause?.code ?? err.cause?.message ?? err.message ?? String(e);
}

export function unreachableMessage(host: string, detail: string): string {
  return `Ollama is not reachable at ${host} (${detail}). Start it with \`ollama serve\`, or point flare at it with OLLAMA_HOST / flare.ollama.host.`;
}

export function missingModelMessage(model: string): string {
  return `Ollama has no model "${model}". Pull it with \`ollama pull ${model}\`, or pick an installed one with --model / flare.ollama.model.`;
}

/** Classify an error thrown by the ollama client. */
export function classify(e: unknown, opts: OllamaOptions): OllamaError {
  if (e instanceof OllamaError) return e;
  const err = e as { name?: string; message?: string; status_code?: number };
  if (err.name === 'ResponseError') {
    if (err.status_code === 404 || /not found|try pulling/i.test(err.message ?? '')) {
      return new OllamaError('model-missing', missingModelMessage(opts.model));
    }
    return new OllamaError('failed', `Ollama answered ${err.status_code ?? 'an error'}: ${err.message}`);
  }
  if (err.name === 'TypeError' && /fetch failed/i.test(err.message ?? '')) {
    return new OllamaError('unreachable', unreachableMessage(opts.host, describe(e)));
  }
  return new OllamaError('failed', `Ollama request failed: ${describe(e)}`);
}

/** Is the server up and the model installed? Throws OllamaError with a message that says what to do. */
export async function checkOllama(opts: OllamaOptions, signal?: AbortSignal): Promise<void> {
  const timeout = AbortSignal.timeout(Math.min(10_000, opts.timeoutSec * 1000));
  const sig = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let models: string[];
  try {
    const list = await client(opts.host, sig).list();
    models = (list.models ?? []).flatMap((m) => [m.name, m.model]).filter(Boolean).map(withTag);
  } catch (e) {
    if (signal?.aborted) throw e;
    if (timeout.aborted) throw new OllamaError('unreachable', unreachableMessage(opts.host, 'no answer within 10 s'));
    throw classify(e, opts);
  }
  if (!models.includes(withTag(opts.model))) throw new OllamaError('model-missing', missingModelMessage(opts.model));
}

export class OllamaGenerator implements CandidateGenerator {
  readonly name = 'ollama' as const;

  constructor(private readonly opts: OllamaOptions) {}

  /** One streamed request; the reply text, or null when it was cut short. Throws OllamaError on server problems. */
  private async ask(system: string, user: string, seed: number, input: GenerationInput, label: string): Promise<string | null> {
    const limit = new AbortController();
    const timer = setTimeout(() => limit.abort(), this.opts.timeoutSec * 1000);
    const signal = AbortSignal.any([input.signal, limit.signal]);
    let content = '';
    let stream: AbortableAsyncIterator<ChatResponse> | undefined;
    const onAbort = () => stream?.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      stream = await client(this.opts.host, signal).chat({
        model: this.opts.model,
        stream: true,
        keep_alive: this.opts.keepAlive,
        options: { temperature: this.opts.temperature, num_ctx: this.opts.numCtx, num_predict: NUM_PREDICT, seed },
        messages: [{ role: 'system', content: system }, { role: 'user', content: user }],
      });
      let last: ChatResponse | undefined;
      for await (const part of stream!) {
        content += part.message?.content ?? '';
        last = part;
        if (content.length > MAX_REPLY_CHARS) {
          stream!.abort();
          input.log(`ollama: ${label}: reply dropped (longer than ${MAX_REPLY_CHARS} characters)`);
          return null;
        }
      }
      if (last?.done_reason === 'length') input.log(`ollama: ${label}: reply hit the token limit`);
      input.log(`ollama: ${label}: ${content.length} characters${last?.eval_count ? `, ${last.eval_count} tokens` : ''}${last?.total_duration ? ` in ${(last.total_duration / 1e9).toFixed(1)} s` : ''}`);
      return content;
    } catch (e) {
      if (input.signal.aborted) return null;
      if (limit.signal.aborted) {
        input.log(`ollama: ${label}: no complete reply within ${this.opts.timeoutSec} s; request aborted`);
        return null;
      }
      const err = classify(e, this.opts);
      if (err.kind !== 'failed') throw err;
      input.log(`ollama: ${label}: reply dropped (${err.message})`);
      return null;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
  }

  async *generate(input: GenerationInput): AsyncIterable<NewCandidate> {
    for (const region of input.regions) {
      if (input.signal.aborted) return;
      const label = `region ${region.rank + 1} (lines ${region.startLine}-${region.endLine})`;
      const prompt = buildPrompt({ file: input.file, text: input.text, region, failures: input.failures, tests: input.tests });
      const reply = await this.ask(prompt.system, prompt.user, 1000 + region.rank, input, label);
      if (reply === null) continue;
      const applied = applyReply(reply, input.text, region);
      if (!applied.ok) {
        input.log(`ollama: ${label}: reply dropped (${applied.reason})`);
        continue;
      }
      yield {
        generator: 'ollama', op: `ollama-${applied.kind}`, text: applied.text, region,
        size: changeSize(input.text, applied.text),
        description: `${this.opts.model} rewrote the ${applied.kind} for lines ${region.startLine}-${region.endLine}`,
      };
    }
  }
}
