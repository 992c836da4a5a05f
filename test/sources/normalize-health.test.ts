import { describe, expect, it } from 'vitest';
import type { Json } from './sample-events.ts';
import { copy, eventBridge, loadSample, normalizeOne } from './sample-events.ts';

function health(overrides: Json = {}, detailType = 'AWS Health Event', envelope: Json = {}): Json {
  const detail = copy(loadSample('aws-health-rds-issue.json').detail as Json);
  return eventBridge(detailType, 'aws.health', { ...detail, ...overrides }, { region: 'us-east-1', ...envelope });
}

describe('AWS Health events', () => {
  it('fires for an open issue named after its event type code', () => {
    // Act
    const signal = normalizeOne(loadSample('aws-health-rds-issue.json'));

    // Assess
    expect([signal.state, signal.name, signal.kind]).toEqual(['firing', 'AWS_RDS_OPERATIONAL_ISSUE', 'issue']);
  });

  it('uses the impacted Region, not the Region that delivered the event', () => {
    // Act
    const signal = normalizeOne(health());

    // Assess
    expect(signal.region).toBe('eu-west-2');
  });

  it('uses the English description as the reason', () => {
    // Act
    const signal = normalizeOne(
      health({
        eventDescription: [
          { language: 'fr_FR', latestDescription: 'Nous enquêtons' },
          { language: 'en_US', latestDescription: 'We are investigating' },
        ],
      }),
    );

    // Assess
    expect(signal.reason).toBe('We are investigating');
  });

  it('falls back to the first description when none is in English', () => {
    // Act
    const signal = normalizeOne(health({ eventDescription: [{ language: 'de_DE', latestDescription: 'Wir untersuchen' }] }));

    // Assess
    expect(signal.reason).toBe('Wir untersuchen');
  });

  it('dedupes on the communication id and affected account', () => {
    // Act
    const signal = normalizeOne(loadSample('aws-health-rds-issue.json'));

    // Assess
    expect(signal.eventId).toBe('health:7c3f5e1a9b2d4f6e8a0c1e3b5d7f9a1c3e5b7d9f-1:111111111111');
  });

  it('gives a backup copy of an event, delivered with another EventBridge id, the same event id', () => {
    // Prepare
    const original = health();
    const backup = health({ backupEvent: 'true' }, 'AWS Health Event', { id: 'another-id', region: 'us-west-2' });

    // Act
    const ids = [original, backup].map((e) => normalizeOne(e).eventId);

    // Assess
    expect(ids[0]).toBe(ids[1]);
  });

  it('gives every page of one event the same key', () => {
    // Act
    const keys = [health({ page: '1', totalPages: '2' }), health({ page: '2', totalPages: '2' })].map((e) => normalizeOne(e).key);

    // Assess
    expect(keys[0]).toBe(keys[1]);
  });

  it('resolves a closed event with the key of the open one', () => {
    // Act
    const [open, closed] = [health(), health({ statusCode: 'closed', endTime: 'Sun, 22 Nov 2026 10:05:00 GMT' })].map((e) => normalizeOne(e));

    // Assess
    expect([closed!.state, closed!.key]).toEqual(['resolved', open!.key]);
  });

  it('takes the time from the RFC 1123 lastUpdatedTime', () => {
    // Act
    const signal = normalizeOne(loadSample('aws-health-rds-issue.json'));

    // Assess
    expect(signal.time).toBe('2026-11-22T08:47:13.000Z');
  });

  it('takes the end time of a closed event that has no last-updated time', () => {
    // Act
    const signal = normalizeOne(health({ statusCode: 'closed', lastUpdatedTime: undefined, endTime: 'Sun, 22 Nov 2026 10:05:00 GMT' }));

    // Assess
    expect(signal.time).toBe('2026-11-22T10:05:00.000Z');
  });

  it.each([
    ['scheduledChange', 'open', 'info'],
    ['accountNotification', 'open', 'info'],
    ['issue', 'upcoming', 'info'],
  ])('reports a %s event with status %s as %s', (category, statusCode, state) => {
    // Act
    const signal = normalizeOne(health({ eventTypeCategory: category, statusCode }));

    // Assess
    expect(signal.state).toBe(state);
  });

  it('reads an abuse event', () => {
    // Act
    const signal = normalizeOne(health({ eventTypeCode: 'AWS_ABUSE_DOS_REPORT', eventTypeCategory: 'issue' }, 'AWS Health Abuse Event'));

    // Assess
    expect([signal.family, signal.kind, signal.title]).toEqual([
      'health',
      'abuse',
      'AWS Health abuse notice for RDS in eu-west-2: AWS_ABUSE_DOS_REPORT',
    ]);
  });

  it('links to the event in the AWS Health Dashboard', () => {
    // Act
    const signal = normalizeOne(loadSample('aws-health-rds-issue.json'));

    // Assess
    expect(signal.links[0]?.url).toMatch(/^https:\/\/health\.aws\.amazon\.com\/health\/home#\/account\/event-log\?eventID=arn%3Aaws%3Ahealth%3Aeu-west-2/);
  });

  it('copes with a minimal event that has only an event type code', () => {
    // Act
    const signal = normalizeOne(eventBridge('AWS Health Event', 'aws.health', { eventTypeCode: 'AWS_EC2_X' }));

    // Assess
    expect([signal.state, signal.eventId, signal.key, signal.links, signal.reason, signal.kind]).toEqual([
      'info',
      'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      'health:AWS_EC2_X::111111111111',
      [],
      '',
      'unknown',
    ]);
  });
});
