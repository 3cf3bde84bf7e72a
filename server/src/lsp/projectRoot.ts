/**
 * Where a refinement copies the project from and runs the tests: the nearest folder with a project
 * marker (setup.py, pyproject.toml, .git) between the file and the workspace folder that holds it,
 * else that workspace folder. A file outside every workspace folder gets the CLI's rule (nearest
 * marker, else the file's folder). Never the home directory or the filesystem root.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InitializeParams } from 'vscode-languageserver/node';
import { findRoot } from '../refine/cli.js';

const MARKERS = ['setup.py', 'pyproject.toml', '.git'];

/** Workspace folders of the initialize params (workspaceFolders, else rootUri, else rootPath) as paths. */
export function workspaceFolders(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.length ? params.workspaceFolders.map((f) => f.uri) : [params.rootUri];
  const out: string[] = [];
  for (const uri of uris) {
    if (typeof uri !== 'string' || !uri.startsWith('file:')) continue;
    try {
      out.push(fileURLToPath(uri));
    } catch {
      // not a usable file URI
    }
  }
  if (!out.length && typeof params.rootPath === 'string' && params.rootPath) out.push(params.rootPath);
  return out;
}

function inside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function tooBroad(dir: string): boolean {
  return dir === homedir() || dirname(dir) === dir;
}

export function projectRoot(file: string, folders: string[]): string {
  const abs = resolve(file);
  const start = dirname(abs);
  const folder = folders.map((f) => resolve(f)).filter((f) => inside(f, abs)).sort((a, b) => b.length - a.length)[0];
  if (folder) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (!tooBroad(dir) && MARKERS.some((m) => existsSync(join(dir, m)))) return dir;
      if (dir === folder || dirname(dir) === dir) break;
    }
    if (!tooBroad(folder)) return folder;
  }
  const found = findRoot(abs);
  return tooBroad(found) ? start : found;
}
