// Once a fix is confirmed, the messages product leads and local offices already have read in the past tense; a re-fire turns them back.
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../src/catalog/schema.ts';
import { fireAppDown, okAppDown, startHarness } from './harness.ts';
import type { Harness, StoredMessage } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

/** The outage entry with past-tense wording of the test's own, so the demo catalog's wording can change freely. */
function withPastTense(entries: CatalogEntry[]): CatalogEntry[] {
  return entries.map((e) =>
    e.id === 'portal.app-down'
      ? { ...e, titleWhenFixed: 'The portal was down for a while', impact: { ...e.impact, summaryWhenFixed: 'Nobody could open the portal.' } }
      : e,
  );
}

/** The header and the block under it of the channel's alert message, as Slack now shows them. */
function headAndImpact(channel: string): [string, string] {
  const message: StoredMessage = h.emulator.messages(channel)[0]!;
  const [header, impact] = message.blocks as Array<{ text?: { text?: string } }>;
  return [header?.text?.text ?? '', impact?.text?.text ?? ''];
}

/** Opens at 10:00 and recovers at 10:05; the quiet period has not confirmed the fix yet. */
async function recoveredOutage(): Promise<string> {
  h.clock.now = new Date('2026-11-24T10:00:10Z');
  const [opened] = await h.processor.processMessage(fireAppDown('e1', '2026-11-24T10:00:00Z'));
  h.clock.now = new Date('2026-11-24T10:05:10Z');
  await h.processor.processMessage(okAppDown('e2', '2026-11-24T10:05:00Z'));
  return opened!.alertKey!;
}

/** The quiet period is over: the processor confirms the fix, of the alarm and of its impact (what non-technical audiences read). */
async function confirmFix(alertKey: string): Promise<void> {
  h.clock.now = new Date('2026-11-24T10:15:10Z');
  await h.processor.processMessage({ clarion: 'refresh', alertKey, reason: 'quiet-period' });
  await h.processor.processMessage({ clarion: 'refresh', alertKey: 'impact:group:trainee-portal', reason: 'quiet-period' });
}

describe('Non-technical messages in the past tense once fixed', () => {
  it('keep the present tense while the fix is being checked', async () => {
    // Prepare
    h = await startHarness(withPastTense);

    // Act
    await recoveredOutage();

    // Assess
    expect([headAndImpact('#portal-local-offices'), headAndImpact('#portal-status')[0]]).toEqual([
      ['The Trainee Portal is down', expect.stringMatching(/^\*What users will notice\*\nNobody can use the Trainee Portal\./)],
      'The Trainee Portal is down',
    ]);
  });

  it('change to the past tense once the quiet period confirms the fix', async () => {
    // Prepare
    h = await startHarness(withPastTense);
    const alertKey = await recoveredOutage();

    // Act
    await confirmFix(alertKey);

    // Assess
    expect([headAndImpact('#portal-local-offices'), headAndImpact('#portal-status')[0]]).toEqual([
      ['The portal was down for a while', expect.stringMatching(/^\*What users noticed\*\nNobody could open the portal\.\nIt has worked again since <!date\^\d+\^\{time\}\|10:05 GMT>\./)],
      'The portal was down for a while',
    ]);
  });

  it('read "Fixed:" before the title when the entry has no past-tense wording', async () => {
    // Prepare
    h = await startHarness((entries) => entries.map((e) => (e.id === 'portal.app-down' ? { ...e, titleWhenFixed: undefined } : e)));
    const alertKey = await recoveredOutage();

    // Act
    await confirmFix(alertKey);

    // Assess
    expect([headAndImpact('#portal-local-offices')[0], headAndImpact('#portal-status')[0]]).toEqual(['Fixed: The Trainee Portal is down', 'Fixed: The Trainee Portal is down']);
  });

  it('go back to the present tense when it fires again after the fix', async () => {
    // Prepare
    h = await startHarness(withPastTense);
    await confirmFix(await recoveredOutage());

    // Act: it fires again within the flap window.
    h.clock.now = new Date('2026-11-24T10:18:10Z');
    await h.processor.processMessage(fireAppDown('e3', '2026-11-24T10:18:00Z'));

    // Assess
    expect([headAndImpact('#portal-local-offices'), headAndImpact('#portal-status')[0]]).toEqual([
      ['The Trainee Portal is down', expect.stringMatching(/^\*What users will notice\*\nNobody can use the Trainee Portal\./)],
      'The Trainee Portal is down',
    ]);
  });

  it('leave the engineers\' title as it was', async () => {
    // Prepare
    h = await startHarness(withPastTense);
    const alertKey = await recoveredOutage();

    // Act
    await confirmFix(alertKey);

    // Assess
    expect(headAndImpact('#portal-alerts')[0]).toBe('The Trainee Portal is down');
  });
});
