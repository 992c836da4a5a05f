import { describe, expect, it } from 'vitest';
import type { Json } from './sample-events.ts';
import { copy, eventBridge, loadSample, normalizeOne } from './sample-events.ts';

function rds(overrides: Json, detailType = 'RDS DB Instance Event'): Json {
  const detail = copy(loadSample('db-failover.json').detail as Json);
  return eventBridge(detailType, 'aws.rds', { ...detail, ...overrides });
}

describe('RDS events', () => {
  it('fires for a failover that has started, named after the DB instance', () => {
    // Act
    const signal = normalizeOne(loadSample('db-failover.json'));

    // Assess
    expect([signal.state, signal.name, signal.kind, signal.reason]).toEqual([
      'firing',
      'trainee-db-prod',
      'RDS-EVENT-0013',
      'A Multi-AZ failover has started.',
    ]);
  });

  it('fires for low storage', () => {
    // Act
    const signal = normalizeOne(loadSample('db-low-storage.json'));

    // Assess
    expect([signal.state, signal.kind]).toEqual(['firing', 'RDS-EVENT-0089']);
  });

  it.each(['RDS-EVENT-0015', 'RDS-EVENT-0049'])('reports completed failover %s as info with the same key', (eventId) => {
    // Act
    const [started, completed] = [loadSample('db-failover.json'), rds({ EventID: eventId, Message: 'A Multi-AZ failover has completed.' })].map((e) =>
      normalizeOne(e),
    );

    // Assess
    expect([completed!.state, completed!.key]).toEqual(['info', started!.key]);
  });

  it('fires for any event in the failure category', () => {
    // Act
    const signal = normalizeOne(rds({ EventID: 'RDS-EVENT-0031', EventCategories: ['Failure'], Message: 'The DB instance has failed.' }));

    // Assess
    expect(signal.state).toBe('firing');
  });

  it('reports other notifications as info', () => {
    // Act
    const signal = normalizeOne(rds({ EventID: 'RDS-EVENT-0002', EventCategories: ['backup'], Message: 'Finished DB instance backup.' }));

    // Assess
    expect(signal.state).toBe('info');
  });

  it('names a source without an ARN after its identifier without the rds: prefix', () => {
    // Act
    const signal = normalizeOne(rds({ SourceArn: undefined }));

    // Assess
    expect([signal.name, signal.key]).toEqual(['trainee-db-prod', 'rds:111111111111:eu-west-2:trainee-db-prod']);
  });

  it('keeps colons of an automated snapshot name but drops its rds: prefix', () => {
    // Act
    const signal = normalizeOne(
      rds(
        { SourceType: 'SNAPSHOT', SourceArn: 'arn:aws:rds:eu-west-2:111111111111:snapshot:rds:trainee-db-prod-2026-11-22-01-00', EventID: 'RDS-EVENT-0091' },
        'RDS DB Snapshot Event',
      ),
    );

    // Assess
    expect([signal.name, signal.resource.type, signal.links[0]?.label]).toEqual([
      'trainee-db-prod-2026-11-22-01-00',
      'RDS snapshot',
      'View RDS events in console',
    ]);
  });

  it('links a cluster event to the cluster page', () => {
    // Act
    const signal = normalizeOne(
      rds({ SourceType: 'CLUSTER', SourceArn: 'arn:aws:rds:eu-west-2:111111111111:cluster:trainee-aurora', EventID: 'RDS-EVENT-0069' }, 'RDS DB Cluster Event'),
    );

    // Assess
    expect([signal.resource.type, signal.links[0]?.url]).toEqual([
      'RDS cluster',
      'https://eu-west-2.console.aws.amazon.com/rds/home?region=eu-west-2#database:id=trainee-aurora;is-cluster=true',
    ]);
  });

  it('copes with an event that has no identifiers, message or id', () => {
    // Act
    const signal = normalizeOne(eventBridge('RDS DB Instance Event', 'aws.rds', { EventCategories: ['notification'] }));

    // Assess
    expect([signal.name, signal.kind, signal.state, signal.title]).toEqual([
      'unknown RDS source',
      'notification',
      'info',
      'RDS unknown RDS source: notification',
    ]);
  });

  it('falls back to the detail-type in the title and the source type as the kind', () => {
    // Act
    const signal = normalizeOne(eventBridge('RDS DB Proxy Event', 'aws.rds', { SourceType: 'DB_PROXY', SourceIdentifier: 'p' }));

    // Assess
    expect([signal.kind, signal.title]).toEqual(['db-proxy', 'RDS p: RDS DB Proxy Event']);
  });
});
