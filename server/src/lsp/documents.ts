/**
 * Open documents of supported languages, kept up to date from didOpen/didChange/didClose
 * (incremental sync). Documents in other languages are not tracked at all.
 */
import { basename, extname } from 'node:path';
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

/** The text as the engine reads it: a lone \r ends a line in LSP, the engine splits on \n. */
export function engineText(text: string): string {
  return text.replace(/\r(?!\n)/g, '\n');
}

/** What a background job (refinement, test run) works on: an open Python document saved on disk. */
export type JobTarget = { od: OpenDocument; file: string; name: string } | { error: string };

/**
 * The job target for `uri`, or why there is none. `feature` names the job in messages
 * ("refinement"), `doing` what it does to the file ("refine it").
 */
export function jobTarget(od: OpenDocument | undefined, uri: string, feature: string, doing: string): JobTarget {
  if (!od) return { error: `${uri} is not open; open it to ${doing}` };
  const name = basename(uri);
  if (od.language !== 'python') return { error: `${feature} supports Python files only (${name} is ${od.language})` };
  try {
    if (!uri.startsWith('file:')) throw new Error('not a file');
    return { od, file: fileURLToPath(uri), name };
  } catch {
    return { error: `${name} is not a file on disk; save it inside its project to ${doing}` };
  }
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
