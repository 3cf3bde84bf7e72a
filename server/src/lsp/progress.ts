/**
 * Server-created work-done progress (`window/workDoneProgress/create` + `$/progress`). When the
 * client does not support it, or refuses the token, every call is a no-op.
 */
import type { WorkDoneProgressBegin, WorkDoneProgressEnd, WorkDoneProgressReport } from 'vscode-languageserver/node';

export interface ProgressSink {
  /** Ask the client for the token; false when it refused. */
  create(token: string): Promise<boolean>;
  send(token: string, value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd): void;
}

export class WorkDone {
  private state: 'idle' | 'open' | 'ended' = 'idle';

  private constructor(readonly token: string | undefined, private readonly sink: ProgressSink) {}

  /** A progress under `token`, or a silent one when the client has no work-done progress. */
  static async create(sink: ProgressSink, token: string, supported: boolean): Promise<WorkDone> {
    const ok = supported && (await sink.create(token).catch(() => false));
    return new WorkDone(ok ? token : undefined, sink);
  }

  get active(): boolean {
    return this.token !== undefined && this.state === 'open';
  }

  begin(title: string, message: string): void {
    if (!this.token || this.state !== 'idle') return;
    this.state = 'open';
    this.sink.send(this.token, { kind: 'begin', title, message, cancellable: true });
  }

  report(message: string): void {
    if (this.active) this.sink.send(this.token!, { kind: 'report', message });
  }

  end(message: string): void {
    if (!this.active) return;
    this.state = 'ended';
    this.sink.send(this.token!, { kind: 'end', message });
  }
}
