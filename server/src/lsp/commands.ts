/**
 * Server-side commands (workspace/executeCommand). Empty for now: the refinement issue registers
 * its commands here, and the server advertises `executeCommandProvider` only when some exist.
 */
import type { CancellationToken } from 'vscode-languageserver/node';

export type CommandHandler = (args: unknown[], token: CancellationToken) => Promise<unknown> | unknown;

export class Commands {
  private handlers = new Map<string, CommandHandler>();

  register(name: string, handler: CommandHandler): void {
    this.handlers.set(name, handler);
  }

  names(): string[] {
    return [...this.handlers.keys()];
  }

  get(name: string): CommandHandler | undefined {
    return this.handlers.get(name);
  }
}
