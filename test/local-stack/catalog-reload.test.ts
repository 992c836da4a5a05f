// The local stack reloads its catalog when the YAML changes, and keeps the last good one when an edit breaks it.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { copyCatalog, eventually, startTestStack } from './stack-helpers.ts';

interface Preview {
  deliveries: Array<{ audience: string; text: string }>;
}
interface CatalogListing {
  status: { version: number; ok: boolean; errors: string[] };
}

describe('catalog reload in the local stack', () => {
  let stack: LocalStack & { lines: string[] };
  let catalog: Awaited<ReturnType<typeof copyCatalog>>;
  let portalYaml: string;

  const preview = async (): Promise<Preview> => (await fetch(`${stack.url}/api/preview?id=portal.app-down&state=firing`)).json() as Promise<Preview>;
  const status = async (): Promise<CatalogListing['status']> => ((await (await fetch(`${stack.url}/api/catalog`)).json()) as CatalogListing).status;
  const nextStatus = async (after: number) => eventually(async () => {
    const s = await status();
    return s.version > after ? s : undefined;
  }, 'the catalog to reload');

  beforeAll(async () => {
    catalog = await copyCatalog();
    portalYaml = path.join(catalog.dir, 'portal.yaml');
    stack = await startTestStack({ catalogDir: catalog.dir });
  });

  afterAll(async () => {
    await stack.close();
    await catalog.remove();
  });

  it('renders the new wording for every audience once a catalog file changes', async () => {
    // Prepare
    const before = await status();
    const text = await readFile(portalYaml, 'utf8');

    // Act
    await writeFile(portalYaml, text.replace('title: The Trainee Portal is down', 'title: The Trainee Portal has stopped'));
    await nextStatus(before.version);

    // Assess
    const after = await preview();
    expect(after.deliveries.map((d) => d.audience)).toEqual(['techies', 'product-leads', 'local-office']);
    for (const delivery of after.deliveries) expect(delivery.text).toContain('The Trainee Portal has stopped');
  });

  it('reports file:line:col errors and keeps using the last good catalog when an edit breaks it', async () => {
    // Prepare
    const before = await status();
    const good = await preview();
    const text = await readFile(portalYaml, 'utf8');

    // Act
    await writeFile(portalYaml, text.replace('severity: critical', 'severity: apocalyptic'));
    const broken = await nextStatus(before.version);

    // Assess
    expect(broken.ok).toBe(false);
    expect(broken.errors.some((line) => /portal\.yaml:\d+:\d+: /.test(line))).toBe(true);
    expect(stack.lines.some((line) => /portal\.yaml:\d+:\d+: /.test(line))).toBe(true);
    expect((await preview()).deliveries.map((d) => d.text)).toEqual(good.deliveries.map((d) => d.text));
  });
});
