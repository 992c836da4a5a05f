/** @module Local stack (catalog edge): keeps the catalog in force up to date with its YAML, and the last good one when an edit breaks it. */
import { watch } from 'node:fs';
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

  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (options.watch !== false) {
    // Editors save in bursts (temp file, rename, chmod): one reload once they are done.
    watcher = watch(options.dir, { recursive: true }, (_event, file) => {
      if (file && !/\.ya?ml$/.test(String(file))) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), options.debounceMs ?? 150);
    });
    watcher.on('error', () => {});
  }

  return {
    current: () => current,
    runtime: () => current.runtime,
    status: () => status,
    reload,
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
