import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import { renderRecords } from '../../src/cli/render-command.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import { renderEvent } from '../../src/pipeline/render-event.ts';
import { REPO_ROOT } from './run-clarion.ts';

const OPTIONS = { now: new Date('2026-11-22T10:00:00Z') };
let runtime: CatalogRuntime;
beforeAll(async () => {
  runtime = (await openCatalog(path.join(REPO_ROOT, 'alert-catalog'), { lint: false })).runtime;
});

function alarm(name: string) {
  return { source: 'aws.cloudwatch', 'detail-type': 'CloudWatch Alarm State Change', id: `id-${name}`, region: 'eu-west-2', account: '1', detail: { alarmName: name, state: { value: 'ALARM' } } };
}

/** The real pipeline, except that it breaks on any event mentioning an alarm named "breaks". */
const breaksOnOne: typeof renderEvent = (raw, rt, options) => {
  if (JSON.stringify(raw).includes('breaks')) throw new RangeError('Maximum call stack size exceeded');
  return renderEvent(raw, rt, options);
};

describe('renderRecords', () => {
  it('renders the other records of a batch when one of them throws, and gives the failed one a reason', () => {
    // Prepare
    const batch = [alarm('first'), alarm('breaks'), alarm('third')];

    // Act
    const output = renderRecords(batch, runtime, OPTIONS, breaksOnOne);

    // Assess
    expect(output.outcomes.map((o) => ('error' in o ? o.key : o.catalogId ?? o.key))).toEqual([
      expect.stringContaining('alarm:first'),
      'event.records[1]',
      expect.stringContaining('alarm:third'),
    ]);
    expect(output.outcomes[1]).toMatchObject({ error: 'could not render this record: RangeError: Maximum call stack size exceeded' });
  });

  it('splits a Records batch record by record, keeping each record wrapped', () => {
    // Prepare
    const batch = { Records: [alarm('breaks'), alarm('second')].map((event, i) => ({ messageId: `m${i}`, eventSource: 'aws:sqs', body: JSON.stringify(event) })) };

    // Act
    const output = renderRecords(batch, runtime, OPTIONS, breaksOnOne);

    // Assess
    expect(output.outcomes).toHaveLength(2);
    expect(output.outcomes[0]).toMatchObject({ key: 'event.records[0]', catalogId: null });
    expect(output.outcomes[1]!.key).toContain('alarm:second');
  });

  it('turns a single event that throws into one outcome with its reason', () => {
    // Act
    const output = renderRecords(alarm('breaks'), runtime, OPTIONS, breaksOnOne);

    // Assess
    expect(output).toEqual({ signals: [], outcomes: [{ key: 'event', catalogId: null, matchedBy: null, error: expect.stringContaining('RangeError') }], deliveries: [] });
  });
});
