/** @module Local stack (catalog edge): keeps the catalog in force up to date with its YAML, and the last good one when an edit breaks it. */
import { watch } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { FSWatcher } from 'node:fs';
import { CatalogError, formatProblem } from '../../catalog/catalog-problem.ts';
import type { CatalogProblem } from '../../catalog/catalog-problem.ts';
import { openCatalog } from '../../adapters/read-catalog-dir.ts';
import type { OpenedCatalog } from '../../adapters/read-catalog-dir.ts';
import type { CatalogRuntime } from '../../catalog/catalog-runtime.ts';
import { ClarionError } from '../../core/clarion-error.ts';

/** What the terminal and the preview page show about the catalog. */
export interface CatalogStatus {
  /** Goes up by one on every reload attempt, good or bad, so a page can tell it is looking at the latest. */
  version: number;
  /** Whether the last attempt loaded; when false, the previous catalog is still in force. */
  ok: boolean;
  entries: number;
  errors: string[];
  warnings: string[];
  loadedAt: string;
}

export interface CatalogWatcher {
  current(): OpenedCatalog;
  runtime(): CatalogRuntime;
  status(): CatalogStatus;
  /** Reads the folder again now (the watcher calls this after edits settle). */
  reload(): Promise<CatalogStatus>;
  close(): void;
}

/** Thrown at start when the catalog cannot be used at all: there is no last good one to fall back on. */
export class CatalogStartError extends ClarionError {
  constructor(
    readonly problems: CatalogProblem[],
    options?: { cause?: unknown },
  ) {
    super(`The alert catalog cannot be loaded:\n${problems.filter((p) => p.severity === 'error').map(formatProblem).join('\n')}`, options);
  }
}

export interface CatalogWatcherOptions {
  dir: string;
  cwd: string;
  /** Watch the folder for changes (default true). */
  watch?: boolean;
  debounceMs?: number;
  onReload?: (status: CatalogStatus) => void;
  now?: () => Date;
}

function split(problems: CatalogProblem[]): { errors: string[]; warnings: string[] } {
  return {
    errors: problems.filter((p) => p.severity === 'error').map(formatProblem),
    warnings: problems.filter((p) => p.severity === 'warning').map(formatProblem),
  };
}

export async function startCatalogWatcher(options: CatalogWatcherOptions): Promise<CatalogWatcher> {
  const now = options.now ?? (() => new Date());
  const open = () => openCatalog(options.dir, { lint: true, cwd: options.cwd });
  let current: OpenedCatalog;
  try {
    current = await open();
  } catch (error) {
    if (error instanceof CatalogError) throw new CatalogStartError(error.problems, { cause: error });
    throw error;
  }
  let status: CatalogStatus = { version: 1, ok: true, entries: current.loaded.entries.length, ...split(current.problems), loadedAt: now().toISOString() };
  let reloading: Promise<CatalogStatus> | undefined;
  let again = false;

  const reloadOnce = async (): Promise<CatalogStatus> => {
    try {
      current = await open();
      status = { version: status.version + 1, ok: true, entries: current.loaded.entries.length, ...split(current.problems), loadedAt: now().toISOString() };
    } catch (error) {
      const problems = error instanceof CatalogError ? error.problems : [{ file: options.dir, line: 1, col: 1, path: '', message: String(error), severity: 'error' as const }];
      status = { version: status.version + 1, ok: false, entries: current.loaded.entries.length, ...split(problems), loadedAt: now().toISOString() };
    }
    options.onReload?.(status);
    return status;
  };

  const reload = async (): Promise<CatalogStatus> => {
    // An edit that lands while a reload reads the files gets a reload of its own afterwards.
    if (reloading) {
      again = true;
      return reloading;
    }
    reloading = (async () => {
      let result = await reloadOnce();
      while (again) {
        again = false;
        result = await reloadOnce();
      }
      return result;
    })();
    try {
      return await reloading;
    } finally {
      reloading = undefined;
    }
  };

  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    // Editors save in bursts (temp file, rename, chmod): one reload once they are done.
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), options.debounceMs ?? 150);
  };
  const folders = options.watch === false ? undefined : await watchFolders(path.resolve(options.cwd, options.dir), schedule);

  return {
    current: () => current,
    runtime: () => current.runtime,
    status: () => status,
    reload,
    close() {
      clearTimeout(timer);
      folders?.close();
    },
  };
}

/**
 * Watches `root` and every folder below it, one non-recursive watcher each, and calls `changed`
 * when a YAML file or a folder in them appears, changes, is replaced or goes.
 *
 * Not `fs.watch(root, { recursive: true })`: on Linux, Node 20 implements that by watching each
 * file, so a file replaced by rename (an editor's atomic save, `sed -i`, `git checkout`) leaves it
 * watching the old, unlinked file and later edits go unseen. A folder's own watch sees every name
 * written or renamed into it, however often.
 */
async function watchFolders(root: string, changed: () => void): Promise<{ close(): void }> {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;

  const sync = async (): Promise<boolean> => {
    let found: string[];
    try {
      const below = await readdir(root, { recursive: true, withFileTypes: true });
      found = [root, ...below.filter((d) => d.isDirectory()).map((d) => path.join(d.parentPath, d.name))];
    } catch {
      // The catalog folder itself is gone for now (moved away, checked out again): the reload says so.
      found = [];
    }
    if (closed) return false;
    let moved = false;
    for (const [folder, watcher] of watchers) {
      if (found.includes(folder)) continue;
      watcher.close();
      watchers.delete(folder);
      moved = true;
    }
    for (const folder of found) {
      if (watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, (_event, name) => onEvent(name));
        // A folder removed under its watcher ends it with an error; the next sync forgets it.
        watcher.on('error', () => {
          watcher.close();
          if (watchers.get(folder) === watcher) watchers.delete(folder);
        });
        watchers.set(folder, watcher);
        moved = true;
      } catch {
        // Gone between listing and watching: nothing in it to reload.
      }
    }
    return moved;
  };

  let syncing = Promise.resolve();
  const onEvent = (name: string | Buffer | null) => {
    if (closed) return;
    if (!name || /\.ya?ml$/.test(String(name))) changed();
    // Any other name may be a folder that came or went; a folder moved in may hold YAML of its own.
    syncing = syncing.then(async () => {
      if ((await sync()) && !closed) changed();
    });
  };

  // Watching before the caller goes on, so no save made after start goes unseen.
  await sync();
  return {
    close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
