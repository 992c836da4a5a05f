// `clarion preview --out FILE` keeps the terminal to one short line per audience and puts the long Block Kit Builder links in the file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runClarion, scratch } from './run-clarion.ts';

interface PreviewJson {
  id: string;
  state: string;
  messages: Array<{ audience: string; channel: string; text: string; blocks: unknown[]; builderUrl: string }>;
}

let dir: string;
let cleanup: () => Promise<void>;
const catalog = path.join(REPO_ROOT, 'alert-catalog');
beforeAll(async () => {
  ({ dir, cleanup } = await scratch({}));
});
afterAll(() => cleanup());

describe('CLI: clarion preview --out', () => {
  it('prints one short line per audience and where it wrote the links', async () => {
    // Act
    const result = await runClarion(['preview', 'portal.app-down', '--catalog', catalog, '--out', 'preview.json'], dir);

    // Assess
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^techies \(#portal-alerts\): Critical · Firing: The Trainee Portal is down — /),
      expect.stringMatching(/^product-leads \(#portal-status\): /),
      expect.stringMatching(/^local-office \(#portal-local-offices\): /),
      'wrote preview.json (3 Block Kit Builder links)',
    ]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(140);
    expect(result.stdout).not.toContain('https://');
  });

  it('writes JSON with each message, its blocks and its Block Kit Builder link', async () => {
    // Act
    await runClarion(['preview', 'data.placements-stale', '--catalog', catalog, '--state', 'resolved', '--out', 'out/stale.json'], dir);

    // Assess
    const written = JSON.parse(await readFile(path.join(dir, 'out', 'stale.json'), 'utf8')) as PreviewJson;
    expect([written.id, written.state]).toEqual(['data.placements-stale', 'resolved']);
    const office = written.messages.find((m) => m.audience === 'local-office')!;
    const payload = JSON.parse(decodeURIComponent(office.builderUrl.slice(office.builderUrl.indexOf('#') + 1)));
    expect(payload.blocks).toEqual(office.blocks);
    expect(JSON.stringify(office.blocks)).toContain('Placement details in the Trainee Portal are up to date again.');
  });

  it('writes an HTML page with each message as text and a link to open it in Block Kit Builder', async () => {
    // Act
    const result = await runClarion(['preview', 'portal.app-down', '--catalog', catalog, '--audience', 'techies', '--out', 'preview.html'], dir);

    // Assess
    expect(result.stdout.trim().split('\n').at(-1)).toBe('wrote preview.html (1 Block Kit Builder link)');
    const page = await readFile(path.join(dir, 'preview.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<a href="https://app.slack.com/block-kit-builder/#');
    expect(page).toContain('Metric: UnHealthyHostCount in AWS/ApplicationELB');
    expect(page).toContain('The load balancer has no healthy web servers for trainee-portal-prod-unhealthy-hosts.');
  });

  it('escapes what the catalog wrote, so a title cannot add markup to the page', async () => {
    // Prepare
    const { dir: own, cleanup: remove } = await scratch({
      'cat/a.yaml': [
        'entries:',
        '  - id: web.down',
        '    title: "Web <b>is</b> down"',
        '    match: { family: cloudwatch-alarm, name: web-prod-5xx-rate }',
        '    severity: high',
        '    impact: { level: major, summary: Pages fail to load. }',
        '    audiences: [techies]',
        '',
      ].join('\n'),
    });

    try {
      // Act
      await runClarion(['preview', 'web.down', '--catalog', 'cat', '--out', 'p.html'], own);

      // Assess
      const page = await readFile(path.join(own, 'p.html'), 'utf8');
      expect(page).toContain('Web &lt;b&gt;is&lt;/b&gt; down');
      expect(page).not.toContain('<b>is</b>');
    } finally {
      await remove();
    }
  });
});
