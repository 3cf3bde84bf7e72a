/**
 * Shape checks for incoming params: requests with bad params get InvalidParams, notifications
 * with bad params are logged and ignored. Never trust the wire.
 */
import { ErrorCodes, ResponseError, type Position } from 'vscode-languageserver/node';

type Obj = Record<string, unknown>;

export function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function isPosition(x: unknown): x is Position {
  return isObj(x) && Number.isInteger(x.line) && Number.isInteger(x.character) && (x.line as number) >= 0 && (x.character as number) >= 0;
}

export function isRange(x: unknown): boolean {
  return isObj(x) && isPosition(x.start) && isPosition(x.end);
}

/** `params.textDocument.uri`, or undefined. */
export function docUri(params: unknown): string | undefined {
  if (!isObj(params) || !isObj(params.textDocument)) return undefined;
  const uri = params.textDocument.uri;
  return typeof uri === 'string' && uri.length > 0 ? uri : undefined;
}

export function invalidParams(method: string, what: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${method}: ${what}`);
}

/** Content changes of a didChange: each is `{text}` or `{range, text}`. */
export function validChanges(x: unknown): x is ({ text: string } | { range: { start: Position; end: Position }; text: string })[] {
  return Array.isArray(x) && x.every((c) => isObj(c) && typeof c.text === 'string' && (c.range === undefined || isRange(c.range)));
}
