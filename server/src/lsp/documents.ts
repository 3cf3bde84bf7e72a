/**
 * Open documents of supported languages, kept up to date from didOpen/didChange/didClose
 * (incremental sync). Documents in other languages are not tracked at all.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { languageFor } from '../language/index.js';

/** Engine language id for an editor language id or, failing that, the URI's file extension. */
export function engineLanguage(languageId: string, uri: string): string | undefined {
  const byId = languageId ? languageFor(languageId) : undefined;
  if (byId && byId.id === languageId) return byId.id;
  let path = uri;
  try {
    if (uri.startsWith('file:')) path = fileURLToPath(uri);
  } catch {
    // Not a usable file URI: fall back to the raw text.
  }
  const ext = extname(path.split(/[?#]/)[0]);
  return ext ? languageFor(`x${ext}`)?.id : undefined;
}

export interface OpenDocument {
  doc: TextDocument;
  /** Engine language (e.g. `python`). */
  language: string;
}

export class Documents {
  private docs = new Map<string, OpenDocument>();

  /** Track a newly opened document; undefined when its language is not supported. */
  open(uri: string, languageId: string, version: number, text: string): OpenDocument | undefined {
    const language = engineLanguage(languageId, uri);
    if (!language) {
      this.docs.delete(uri);
      return undefined;
    }
    const od = { doc: TextDocument.create(uri, languageId, version, text), language };
    this.docs.set(uri, od);
    return od;
  }

  /** Apply changes (ranged or full); undefined for untracked documents. */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const od = this.docs.get(uri);
    if (!od) return undefined;
    od.doc = TextDocument.update(od.doc, changes, version);
    return od;
  }

  close(uri: string): boolean {
    return this.docs.delete(uri);
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  uris(): string[] {
    return [...this.docs.keys()];
  }
}
