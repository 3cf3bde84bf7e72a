import { extname } from 'node:path';
import { python } from './python.js';
import type { LanguageAdapter } from './types.js';

export type { LanguageAdapter, ParsedFile, Token, LineInfo, Chunk } from './types.js';

const ADAPTERS: LanguageAdapter[] = [python];

/** The adapter for an editor language id (`python`) or a file path (`x.py`), if any. */
export function languageFor(idOrPath: string): LanguageAdapter | undefined {
  const byId = ADAPTERS.find((a) => a.id === idOrPath);
  if (byId) return byId;
  const ext = extname(idOrPath).toLowerCase();
  return ADAPTERS.find((a) => a.extensions.includes(ext));
}

export function supportedLanguages(): string[] {
  return ADAPTERS.map((a) => a.id);
}
