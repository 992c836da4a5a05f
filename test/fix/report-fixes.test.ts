import { describe, expect, it } from 'vitest';
import { buildCatalogIndex } from '../../src/catalog/catalog-index.ts';
import { ClarionConfig } from '../../src/catalog/schema.ts';
import type { HistoryNote } from '../../src/core/history.ts';
import { buildReport } from '../../src/history/report.ts';
import { renderReportText } from '../../src/history/report-text.ts';

const PERIOD = { since: new Date('2026-03-01T00:00:00.000Z'), until: new Date('2026-04-01T00:00:00.000Z') };
const RUNTIME = { index: buildCatalogIndex([]), config: ClarionConfig.parse({ audiences: { techies: { template: 'techies', channel: '#t' } } }) };

function fixNote(id: string, by: 'auto' | 'user', outcome: 'running' | 'succeeded' | 'failed' | 'refused'): HistoryNote {
  return { kind: 'note', type: 'fix', id, at: '2026-03-10T03:00:00.000Z', expiresAt: 0, alertKey: 'sync.job|x', catalogId: 'sync.job', incident: '2026-03-10T03:00:00.000Z', fixKind: 'step-functions', by, outcome, dryRun: false };
}

describe('Report: automatic fixes', () => {
  it('counts the runs noted in the period by how they ended, and says so in the terminal rendering', () => {
    // Prepare
    const items = [fixNote('fix:1', 'auto', 'succeeded'), fixNote('fix:2', 'user', 'failed'), fixNote('fix:3', 'auto', 'refused')];

    // Act
    const report = buildReport({ items, period: PERIOD, runtime: RUNTIME });

    // Assess
    expect(report.fixes).toEqual({ runs: 3, automatic: 2, succeeded: 1, failed: 1, refused: 1, running: 0 });
    expect(renderReportText(report)).toContain('Automatic fixes: asked for 3 times (2 by Clarion, 1 by a Run fix press); succeeded 1, failed 1, not run 1, still running 0');
  });
});
