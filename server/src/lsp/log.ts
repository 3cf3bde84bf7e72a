/**
 * Logging through window/logMessage, filtered by the `logLevel` setting. Nothing is ever written
 * to stdout (it carries the protocol); the sink is the only way out.
 */
import { MessageType } from 'vscode-languageserver/node';
import type { LogLevel } from './config.js';

export type LogSink = (type: MessageType, message: string) => void;

const RANK: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

export class Log {
  level: LogLevel = 'info';

  constructor(private readonly sink: LogSink) {}

  private emit(need: LogLevel, type: MessageType, message: string): void {
    if (RANK[this.level] < RANK[need]) return;
    try {
      this.sink(type, message);
    } catch {
      // The connection may be gone; logging must never throw.
    }
  }

  error(message: string): void { this.emit('error', MessageType.Error, message); }
  warn(message: string): void { this.emit('warn', MessageType.Warning, message); }
  info(message: string): void { this.emit('info', MessageType.Info, message); }
  /** Debug lines go out as MessageType.Log, which every client understands. */
  debug(message: string): void { this.emit('debug', MessageType.Log, message); }
  get debugging(): boolean { return RANK[this.level] >= RANK.debug; }
}
