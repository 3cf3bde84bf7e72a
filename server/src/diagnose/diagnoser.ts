/**
 * The diagnosis engine: picks the language adapter and model for a file, parses, and scores.
 * Shared by the CLI (`flare check`) and the language server. Knows nothing of LSP.
 */
import { languageFor, type ParsedFile } from '../language/index.js';
import { LineModel, defaultModelPath } from './model.js';
import { Scorer, type FileScores } from './scorer.js';

export class InputError extends Error {}

export interface DiagnoserOptions {
  /** Model metadata path for Python (default: the bundled model). */
  modelPath?: string;
  /** onnxruntime intra-op threads (default 1). */
  threads?: number;
  cacheSize?: number;
}

export interface Diagnosis extends FileScores {
  language: string;
  parsed: ParsedFile;
}

/** Reject content that is not source text. */
export function checkText(text: string): void {
  if (text.includes('\0')) throw new InputError('binary content (NUL bytes); not scored');
}

export class Diagnoser {
  private scorers = new Map<string, Promise<Scorer>>();

  constructor(private readonly opts: DiagnoserOptions = {}) {}

  /** The scorer for a language, loading its model on first use. */
  scorer(language: string): Promise<Scorer> {
    let s = this.scorers.get(language);
    if (!s) {
      const path = this.opts.modelPath ?? defaultModelPath(language);
      s = LineModel.load(path, this.opts.threads ?? 1).then((m) => new Scorer(m, { cacheSize: this.opts.cacheSize }));
      s.catch(() => this.scorers.delete(language));
      this.scorers.set(language, s);
    }
    return s;
  }

  /** Score text whose language is given by an editor language id or a file name. */
  async diagnose(text: string, languageOrPath: string, opts: { strict?: boolean; useCache?: boolean } = {}): Promise<Diagnosis> {
    const adapter = languageFor(languageOrPath);
    if (!adapter) throw new InputError(`not a supported language (supported: python)`);
    checkText(text);
    // The parser's WASM compiles while the model loads (a failed load is already handled in scorer()).
    const scorerReady = this.scorer(adapter.id);
    await adapter.init();
    const parsed = adapter.parse(text);
    if (opts.strict && parsed.errorLines.length) {
      throw new InputError(`syntax error at line ${parsed.errorLines[0]}; not scored`);
    }
    const scorer = await scorerReady;
    const scores = await scorer.score(parsed, opts.useCache ?? true);
    return { ...scores, language: adapter.id, parsed };
  }
}
