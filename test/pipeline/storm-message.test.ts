import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import { buildCatalogIndex } from '../../src/catalog/catalog-index.ts';
import type { CatalogIndex } from '../../src/catalog/catalog-index.ts';
import type { GroupRecord } from '../../src/core/alert-record.ts';
import { stormRunbook } from '../../src/pipeline/storm-message.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

let index: CatalogIndex;
beforeAll(async () => {
  const shipped = (await openCatalog(path.join(ROOT, 'alert-catalog'), { lint: false })).runtime.index;
  // The outage entry without its runbook, so members can span an entry with one and one without.
  index = buildCatalogIndex([...shipped.byId.values()].map((e) => (e.id === 'portal.app-down' ? { ...e, runbook: undefined } : e)));
});

const member = (catalogId: string | null): GroupRecord['members'][number] => ({ alertKey: `${catalogId}|a`, title: 'A title', status: 'open', catalogId });

describe('The runbook of a storm message', () => {
  it('is the runbook of the first listed member whose entry has one', () => {
    // Act
    const runbook = stormRunbook({ members: [member(null), member('portal.app-down'), member('portal.web-task-stopped'), member('portal.error-rate')] }, index);

    // Assess
    expect(runbook).toBe('https://runbooks.example.org/trainee-portal/web-task-stopped');
  });

  it('is none when no listed member\'s entry has one', () => {
    // Act
    const runbook = stormRunbook({ members: [member(null), member('portal.app-down'), member('no.such-entry')] }, index);

    // Assess
    expect(runbook).toBeUndefined();
  });
});
