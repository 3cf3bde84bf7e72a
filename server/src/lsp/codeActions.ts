/**
 * Code action providers. Empty for now: the refinement issue adds one that turns flare
 * diagnostics into actions; the server advertises `codeActionProvider` only when some exist.
 */
import type { CodeAction, CodeActionKind, CodeActionParams } from 'vscode-languageserver/node';
import type { Outcome } from './analysis.js';
import type { OpenDocument } from './documents.js';

export interface CodeActionProvider {
  kinds: CodeActionKind[];
  provide(doc: OpenDocument, params: CodeActionParams, outcome: Outcome | undefined): CodeAction[];
}

export class CodeActions {
  private providers: CodeActionProvider[] = [];

  register(p: CodeActionProvider): void {
    this.providers.push(p);
  }

  get empty(): boolean {
    return this.providers.length === 0;
  }

  kinds(): CodeActionKind[] {
    return [...new Set(this.providers.flatMap((p) => p.kinds))];
  }

  provide(doc: OpenDocument, params: CodeActionParams, outcome: Outcome | undefined): CodeAction[] {
    return this.providers.flatMap((p) => p.provide(doc, params, outcome));
  }
}
