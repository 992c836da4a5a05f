import { describe, expect, it } from 'vitest';
import type { Json } from './sample-events.ts';
import { copy, eventBridge, loadSample, normalizeOne, viaSqs } from './sample-events.ts';

const detail = (): Json => copy(loadSample('overnight-sync-custom.json').detail as Json);
const custom = (overrides: Json, source = 'trainee-portal.sync'): Json => eventBridge('Clarion Alert', source, { ...detail(), ...overrides });

describe('Clarion custom events', () => {
  it('fires with the name, title and reason the application sent', () => {
    // Act
    const signal = normalizeOne(loadSample('overnight-sync-custom.json'));

    // Assess
    expect([signal.state, signal.name, signal.title, signal.reason]).toEqual([
      'firing',
      'overnight-sync-failed',
      'Overnight sync with the national workforce system failed',
      'Could not reach the national workforce system (HTTP 503)',
    ]);
  });

  it('keys the alert by source and name, the same for firing and resolved', () => {
    // Act
    const keys = ['overnight-sync-custom.json', 'overnight-sync-custom-resolved.json'].map((f) => normalizeOne(loadSample(f)).key);

    // Assess
    expect(keys).toEqual(['clarion:trainee-portal.sync:overnight-sync-failed', 'clarion:trainee-portal.sync:overnight-sync-failed']);
  });

  it('offers every detail field as a placeholder', () => {
    // Act
    const signal = normalizeOne(loadSample('overnight-sync-custom.json'));

    // Assess
    expect((signal.vars.detail as Json).recordsProcessed).toBe(0);
  });

  it('passes the links through', () => {
    // Act
    const signal = normalizeOne(loadSample('overnight-sync-custom.json'));

    // Assess
    expect(signal.links).toEqual([{ label: 'Sync run log', url: 'https://trainee-portal.example.org/admin/sync-runs/sync-2026-11-22T02:00' }]);
  });

  it('defaults the state to firing and the title to the name and source', () => {
    // Act
    const signal = normalizeOne(eventBridge('Clarion Alert', 'my.app', { name: 'queue-stuck' }));

    // Assess
    expect([signal.state, signal.title, signal.reason, signal.resource]).toEqual([
      'firing',
      'queue-stuck (firing) from my.app',
      '',
      { type: 'Application', name: 'my.app' },
    ]);
  });

  it('uses an explicit key instead of the name', () => {
    // Act
    const signal = normalizeOne(custom({ key: 'sync-job' }));

    // Assess
    expect(signal.key).toBe('clarion:trainee-portal.sync:sync-job');
  });

  it('accepts severity and state in any case', () => {
    // Act
    const signal = normalizeOne(custom({ severity: 'CRITICAL', state: 'Info' }));

    // Assess
    expect([signal.severityHint, signal.state]).toEqual(['critical', 'info']);
  });

  it('drops an unknown severity and state rather than the alert', () => {
    // Act
    const signal = normalizeOne(custom({ severity: 'apocalyptic', state: 'exploding' }));

    // Assess
    expect([signal.family, signal.severityHint, signal.state]).toEqual(['clarion', undefined, 'firing']);
  });

  it('drops links that Slack could not show as buttons', () => {
    // Act
    const signal = normalizeOne(
      custom({ links: [{ label: 'ok', url: 'https://a.example' }, { label: 'js', url: 'javascript:alert(1)' }, { url: 'http://b.example' }, 'x', { url: `https://c.example/${'a'.repeat(3000)}` }] }),
    );

    // Assess
    expect(signal.links).toEqual([
      { label: 'ok', url: 'https://a.example' },
      { label: 'Open link', url: 'http://b.example' },
    ]);
  });

  it('reads a resource given as a name or as an object', () => {
    // Act
    const [named, described] = [custom({ resource: 'sync-worker' }), custom({ resource: { type: 'Glue job', name: 'sync', arn: 'arn:x' } })].map((e) =>
      normalizeOne(e),
    );

    // Assess
    expect([named!.resource, described!.resource]).toEqual([
      { type: 'Application', name: 'sync-worker' },
      { type: 'Glue job', name: 'sync', arn: 'arn:x' },
    ]);
  });

  it('defaults the type of a resource object to Application', () => {
    // Act
    const signal = normalizeOne(custom({ resource: { name: 'sync' } }));

    // Assess
    expect(signal.resource).toEqual({ type: 'Application', name: 'sync' });
  });

  it('prefers the time the application gave', () => {
    // Act
    const signal = normalizeOne(custom({ time: '2026-11-22T02:30:00+01:00' }));

    // Assess
    expect(signal.time).toBe('2026-11-22T01:30:00.000Z');
  });

  it('turns an alert without a name into a generic signal', () => {
    // Act
    const signal = normalizeOne(custom({ name: '  ' }));

    // Assess
    expect(signal.family).toBe('generic');
  });

  it('reads the bare form marked "clarion": "alert", through SQS too', () => {
    // Act
    const signal = normalizeOne(viaSqs({ clarion: 'alert', name: 'overnight-sync-failed', source: 'trainee-portal.sync', reason: 'HTTP 503' }));

    // Assess
    expect([signal.family, signal.key, signal.event.source, signal.event['detail-type']]).toEqual([
      'clarion',
      'clarion:trainee-portal.sync:overnight-sync-failed',
      'trainee-portal.sync',
      'Clarion Alert',
    ]);
  });

  it('gives a bare alert without a source the default source', () => {
    // Act
    const signal = normalizeOne({ clarion: 'alert', name: 'x' });

    // Assess
    expect(signal.key).toBe('clarion:clarion.custom:x');
  });

  it('turns a bare alert without a name into a generic signal', () => {
    // Act
    const signal = normalizeOne({ clarion: 'alert' });

    // Assess
    expect(signal.family).toBe('generic');
  });
});
