/**
 * A candidate fix: the whole new text of the file, where it came from, and how big the change is.
 */
import type { Region } from './regions.js';

export interface Candidate {
  /** 1-based, in the order candidates were queued in a job. */
  id: number;
  generator: 'templates' | 'ollama';
  /** The repair operator (`compare`, `swap-arguments`, ...) or `ollama`. */
  op: string;
  /** The new text of the whole file. */
  text: string;
  /** The region the change was made for. */
  region: Region;
  /** Characters changed (removed + inserted), for ranking. */
  size: number;
  /** One line for logs: what changed where. */
  description: string;
  /** Generator's ranking, lower first (templates: operator tier, region rank, size). */
  cost?: number;
}

export type NewCandidate = Omit<Candidate, 'id'>;

/** Characters removed plus inserted between two texts (common prefix and suffix left out). */
export function changeSize(before: string, after: string): number {
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return (before.length - p - s) + (after.length - p - s);
}

/** The 1-based lines of `before` that a change touches (first..last). */
export function changedLines(before: string, after: string): [number, number] {
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  const first = before.slice(0, p).split('\n').length;
  const last = before.slice(0, Math.max(p, before.length - s)).split('\n').length;
  return [first, Math.max(first, last)];
}
