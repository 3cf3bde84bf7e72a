/**
 * Scratch copies of a project. The project is copied once into a base folder (version control,
 * caches and byte code left out; virtualenvs and node_modules shared through a symlink); every run
 * then gets its own folder of hard links to the base with the one file under test written fresh.
 * The user's tree is only ever read. Everything lives under one temporary folder that is removed on
 * dispose (failing that, when the process exits; failing that, by the next job once this process is gone).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import {
  copyFile, link, lstat, mkdir, readdir, readlink, rm, stat, symlink, unlink, writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Folders never copied. */
const SKIP = new Set([
  '.git', '.hg', '.svn', '__pycache__', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox', '.nox',
  '.hypothesis', '.ipynb_checkpoints', '.idea', '.vscode', '.DS_Store', '.eggs', '.flare',
]);
/** Folders shared read-mostly through a symlink instead of copied. */
const SHARE = new Set(['node_modules']);

export class ScratchError extends Error {}

export interface ScratchOptions {
  /** Refuse projects with more files than this (default 20000). */
  maxFiles?: number;
  /** Refuse projects larger than this many bytes (default 500 MB). */
  maxBytes?: number;
  /** Parent of the temporary folder (default the OS temp dir). */
  tmpRoot?: string;
}

interface Entry {
  rel: string;
  kind: 'dir' | 'file' | 'link';
  target?: string;
}

const openAreas = new Set<string>();
let exitHook = false;

function removeOnExit(dir: string): void {
  openAreas.add(dir);
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const d of openAreas) {
      try { rmSync(d, { recursive: true, force: true }); } catch { /* best effort */ }
    }
  });
}

const AREA_PREFIX = 'flare-refine-';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove scratch areas left behind by flare processes that no longer run (killed before their exit
 * hook could run). Areas carry their process id in the name: flare-refine-<pid>-XXXXXX.
 */
export async function sweepStaleAreas(parent = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = /^flare-refine-(\d+)-\w+$/.exec(name);
    if (!m || Number(m[1]) === process.pid || processAlive(Number(m[1]))) continue;
    const dir = join(parent, name);
    try {
      if (!(await stat(join(dir, 'base'))).isDirectory()) continue;
      await rm(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // Not ours, or already gone.
    }
  }
  return removed;
}

function isVirtualenv(dir: string): boolean {
  return existsSync(join(dir, 'pyvenv.cfg'));
}

export class Scratch {
  private runs = 0;
  private readonly live = new Set<string>();
  private disposed = false;

  private constructor(
    /** The temporary folder that holds everything. */
    readonly area: string,
    /** The base copy of the project. */
    readonly base: string,
    readonly root: string,
    private readonly entries: Entry[],
  ) {}

  /** Copy `root` into a new temporary area. */
  static async create(root: string, opts: ScratchOptions = {}): Promise<Scratch> {
    const absRoot = resolve(root);
    const parent = opts.tmpRoot ?? tmpdir();
    await sweepStaleAreas(parent);
    const area = mkdtempSync(join(parent, `${AREA_PREFIX}${process.pid}-`));
    removeOnExit(area);
    const base = join(area, 'base');
    try {
      const entries = await copyTree(absRoot, base, opts.maxFiles ?? 20_000, opts.maxBytes ?? 500_000_000);
      await mkdir(join(area, 'runs'), { recursive: true });
      return new Scratch(area, base, absRoot, entries);
    } catch (e) {
      await rm(area, { recursive: true, force: true });
      openAreas.delete(area);
      throw e;
    }
  }

  /** A place in the area for files that are not part of a run (reports, helper scripts). */
  path(...parts: string[]): string {
    return join(this.area, ...parts);
  }

  /**
   * A new run folder: hard links to the base copy, with `relFile` written fresh (its own inode, so the
   * base is never touched through it). Without a file, the project as copied.
   */
  async checkout(relFile?: string, text?: string): Promise<string> {
    if (this.disposed) throw new ScratchError('scratch area already removed');
    const rel = relFile !== undefined && text !== undefined ? relative(this.base, resolve(this.base, relFile)) : undefined;
    if (rel !== undefined && (rel.startsWith('..') || rel === '' || rel.split(sep).includes('..'))) {
      throw new ScratchError(`${relFile} is outside the project`);
    }
    const dir = join(this.area, 'runs', String(++this.runs));
    this.live.add(dir);
    await mkdir(dir);
    for (const e of this.entries) {
      const src = join(this.base, e.rel);
      const dst = join(dir, e.rel);
      if (e.kind === 'dir') await mkdir(dst);
      else if (e.kind === 'link') await symlink(e.target!, dst);
      else if (e.rel !== rel) await linkOrCopy(src, dst);
    }
    if (rel === undefined) return dir;
    const target = join(dir, rel);
    await mkdir(dirname(target), { recursive: true });
    await unlink(target).catch(() => undefined);
    await writeFile(target, text!);
    return dir;
  }

  /** Remove one run folder. */
  async release(dir: string): Promise<void> {
    this.live.delete(dir);
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }

  /** Run folders not released yet. */
  liveRuns(): string[] {
    return [...this.live];
  }

  /** Remove the whole area. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.live.clear();
    await rm(this.area, { recursive: true, force: true, maxRetries: 3 });
    openAreas.delete(this.area);
  }
}

async function linkOrCopy(src: string, dst: string): Promise<void> {
  try {
    await link(src, dst);
  } catch {
    await copyFile(src, dst);
  }
}

/** Copy the project; returns the entries (relative paths) in creation order. */
async function copyTree(root: string, base: string, maxFiles: number, maxBytes: number): Promise<Entry[]> {
  const entries: Entry[] = [];
  let files = 0;
  let bytes = 0;
  await mkdir(base, { recursive: true });
  const walk = async (rel: string): Promise<void> => {
    const src = join(root, rel);
    const list = await readdir(src, { withFileTypes: true });
    list.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const d of list) {
      const r = rel ? join(rel, d.name) : d.name;
      const from = join(root, r);
      const to = join(base, r);
      if (d.isDirectory()) {
        if (SKIP.has(d.name)) continue;
        if (SHARE.has(d.name) || isVirtualenv(from)) {
          await symlink(from, to);
          entries.push({ rel: r, kind: 'link', target: from });
          continue;
        }
        await mkdir(to);
        entries.push({ rel: r, kind: 'dir' });
        await walk(r);
      } else if (d.isSymbolicLink()) {
        const target = await readlink(from);
        await symlink(target, to);
        entries.push({ rel: r, kind: 'link', target });
      } else if (d.isFile()) {
        if (d.name.endsWith('.pyc')) continue;
        files++;
        bytes += (await lstat(from)).size;
        if (files > maxFiles) throw new ScratchError(`the project has more than ${maxFiles} files; point the root at a smaller folder`);
        if (bytes > maxBytes) throw new ScratchError(`the project is larger than ${Math.round(maxBytes / 1e6)} MB; point the root at a smaller folder`);
        await copyFile(from, to);
        entries.push({ rel: r, kind: 'file' });
      }
    }
  };
  await walk('');
  return entries;
}
