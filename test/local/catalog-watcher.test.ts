// The local stack's catalog watcher reloads on every save, however the editor writes the file.
import { mkdir, mkdtemp, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCatalogWatcher } from '../../src/local/server/catalog-watcher.ts';
import type { CatalogWatcher } from '../../src/local/server/catalog-watcher.ts';

function entryYaml(id: string, title: string): string {
  return [
    'entries:',
    `  - id: ${id}`,
    `    title: ${title}`,
    `    match: { family: cloudwatch-alarm, name: ${id} }`,
    '    severity: high',
    '    impact: { level: major, summary: Pages load slowly. }',
    '    audiences: [techies]',
    '',
  ].join('\n');
}

describe('catalog watcher', () => {
  let dir: string;
  let watcher: CatalogWatcher;
  /** Callbacks waiting for a reload after which the catalog reads as they expect. */
  let waiting: Array<() => boolean>;

  const titles = () => [...watcher.runtime().index.byId.values()].map((e) => `${e.id}: ${e.title}`).sort();
  /** Resolves at the first reload after which the catalog holds exactly these entries; the test's timeout fails it otherwise. */
  const reloadShowing = (expected: string[]) =>
    new Promise<void>((resolve) => {
      waiting.push(() => {
        if (JSON.stringify(titles()) !== JSON.stringify([...expected].sort())) return false;
        resolve();
        return true;
      });
    });
  /** Writes a temporary file next to the target and renames it over the target, as editors and `sed -i` do. */
  const atomicSave = async (file: string, text: string) => {
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`);
    await writeFile(temp, text);
    await rename(temp, file);
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'clarion-watch-'));
    await writeFile(path.join(dir, 'web.yaml'), entryYaml('web.down', 'Web is down'));
    waiting = [];
    watcher = await startCatalogWatcher({
      dir,
      cwd: dir,
      debounceMs: 20,
      onReload: () => {
        waiting = waiting.filter((check) => !check());
      },
    });
  });

  afterEach(async () => {
    watcher.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reloads after each of three atomic saves in a row', async () => {
    // Prepare
    const file = path.join(dir, 'web.yaml');

    for (const n of [1, 2, 3]) {
      // Act
      const seen = reloadShowing([`web.down: Web is down (save ${n})`]);
      await atomicSave(file, entryYaml('web.down', `Web is down (save ${n})`));

      // Assess
      await seen;
      expect(watcher.status().ok).toBe(true);
    }
  });

  it('still reloads on a plain write after an atomic save replaced the file', async () => {
    // Prepare
    const file = path.join(dir, 'web.yaml');
    const replaced = reloadShowing(['web.down: Web is down (replaced)']);
    await atomicSave(file, entryYaml('web.down', 'Web is down (replaced)'));
    await replaced;

    // Act
    const seen = reloadShowing(['web.down: Web is down (written in place)']);
    await writeFile(file, entryYaml('web.down', 'Web is down (written in place)'));

    // Assess
    await seen;
  });

  it('reloads when a file is deleted and again when it is created anew', async () => {
    // Prepare
    const file = path.join(dir, 'web.yaml');
    const emptied = reloadShowing([]);
    await unlink(file);
    await emptied;

    // Act
    const seen = reloadShowing(['web.down: Web is back']);
    await writeFile(file, entryYaml('web.down', 'Web is back'));

    // Assess
    await seen;
  });

  it('reloads when a new file appears in the folder, and keeps reloading on its saves', async () => {
    // Prepare
    const file = path.join(dir, 'api.yaml');
    const added = reloadShowing(['api.down: API is down', 'web.down: Web is down']);
    await writeFile(file, entryYaml('api.down', 'API is down'));
    await added;

    // Act
    const seen = reloadShowing(['api.down: API is down (saved)', 'web.down: Web is down']);
    await atomicSave(file, entryYaml('api.down', 'API is down (saved)'));

    // Assess
    await seen;
  });

  it('reloads when a file is saved in a folder made after the watcher started', async () => {
    // Prepare
    const folder = path.join(dir, 'team');
    await mkdir(folder);
    const added = reloadShowing(['jobs.failed: Jobs failed', 'web.down: Web is down']);
    await writeFile(path.join(folder, 'jobs.yaml'), entryYaml('jobs.failed', 'Jobs failed'));
    await added;

    // Act
    const seen = reloadShowing(['jobs.failed: Jobs failed (saved)', 'web.down: Web is down']);
    await atomicSave(path.join(folder, 'jobs.yaml'), entryYaml('jobs.failed', 'Jobs failed (saved)'));

    // Assess
    await seen;
  });
});
