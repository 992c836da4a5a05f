// Inhibition: while an entry an alert depends on fires, the alert is folded under it; once the cause is fixed, one still firing is delivered on its own.
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../src/catalog/schema.ts';
import type { RefreshRequest } from '../../src/core/refresh-request.ts';
import { advance, allText, errorRateAlarm as errorRate, fireAppDown, okAppDown, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

const TECHIES = '#portal-alerts';
const PRODUCT = '#portal-status';
const OFFICE = '#portal-local-offices';
/** The outage's impact (its group's) and the page errors' own impact once they leave the group. */
const CAUSE_IMPACT = 'impact:group:trainee-portal';
const DEPENDANT_IMPACT = 'impact:entry:portal.error-rate';
const ERRORS_ALARM = 'trainee-portal-1-5xx-rate';
const alarmKey = (entry: string, name: string) => `${entry}|cloudwatch-alarm:arn:aws:cloudwatch:eu-west-2:111111111111:alarm:${name}`;
const CAUSE = alarmKey('portal.app-down', 'trainee-portal-prod-unhealthy-hosts');
const DEPENDANT = alarmKey('portal.error-rate', ERRORS_ALARM);

let h: Harness;
afterEach(async () => h?.close());

/**
 * The page errors (which depend on the outage in the shipped catalog) as an impact of their own, so
 * what product leads hear of them is told apart from what they hear of the outage.
 */
function errorsOwnImpact(entries: CatalogEntry[]): CatalogEntry[] {
  return entries.map((e) => {
    if (e.id !== 'portal.error-rate') return e;
    const { group: _group, ...rest } = e;
    return rest;
  });
}

const alertMessages = (channel: string) => h.emulator.messages(channel).filter((m) => m.metadata?.event_type === 'clarion_alert');
const keysIn = (channel: string) => alertMessages(channel).map((m) => (m.metadata?.event_payload as { alert_key: string }).alert_key);
const inhibition = (request: RefreshRequest) => request.clarion === 'inhibition';

/** Runs inhibition's queued requests, and those they queue, one at a time and two seconds apart (as Slack's pacing would space them). */
async function drain(): Promise<void> {
  for (;;) {
    const next = h.refreshes.find((r) => inhibition(r.request) && !ran.has(r));
    if (!next) return;
    ran.add(next);
    await h.processor.processMessage(next.request);
    advance(h, 2);
  }
}
const ran = new WeakSet<object>();

let events = 0;
async function send(event: Record<string, unknown>): Promise<void> {
  await h.processor.processMessage(event);
  advance(h, 5);
}
const now = () => h.clock.now.toISOString();
const appDown = () => send(fireAppDown(`down-${++events}`, now()));
const appUp = () => send(okAppDown(`up-${++events}`, now()));
const errorsFire = () => send(errorRate(1, `err-${++events}`, now()));
const errorsStop = () => send(errorRate(1, `err-ok-${++events}`, now(), 'OK'));

describe('Inhibition through the processor and the Slack emulator', () => {
  it('gives a dependant that fires while its cause fires no message of its own, and lists it in the cause\'s engineers\' message', async () => {
    // Prepare
    h = await startHarness(errorsOwnImpact);
    await appDown();

    // Act
    await errorsFire();
    await drain();

    // Assess
    const techies = alertMessages(TECHIES);
    expect(techies).toHaveLength(1);
    expect(allText(techies[0]!)).toContain('Also affected because of this');
    expect(allText(techies[0]!)).toContain(ERRORS_ALARM);
  });

  it('tells non-technical audiences only of the cause while the dependant is folded', async () => {
    // Prepare
    h = await startHarness(errorsOwnImpact);
    await appDown();

    // Act
    await errorsFire();
    await drain();

    // Assess
    expect(keysIn(PRODUCT)).toEqual([CAUSE_IMPACT]);
    expect(keysIn(OFFICE)).toEqual([CAUSE_IMPACT]);
  });

  it('still records the folded dependant and its opening', async () => {
    // Prepare
    h = await startHarness(errorsOwnImpact);
    await appDown();

    // Act
    await errorsFire();

    // Assess
    const record = await h.state.getAlert(DEPENDANT);
    expect(record).toMatchObject({ status: 'open', messages: {} });
    expect(h.lifecycle.filter((e) => e.type === 'Clarion Alert Opened').map((e) => e.catalogId)).toEqual(['portal.app-down', 'portal.error-rate']);
  });

  it('delivers a dependant that still fires once its cause is fixed, to engineers and through its impact', async () => {
    // Prepare
    h = await startHarness(errorsOwnImpact);
    await appDown();
    await errorsFire();
    await drain();

    // Act
    await appUp();
    await drain();

    // Assess
    expect(keysIn(TECHIES)).toEqual([CAUSE, DEPENDANT]);
    expect(keysIn(PRODUCT)).toEqual([CAUSE_IMPACT, DEPENDANT_IMPACT]);
  });

  it('takes the dependant off the cause\'s message once the cause is fixed', async () => {
    // Prepare
    h = await startHarness(errorsOwnImpact);
    await appDown();
    await errorsFire();
    await drain();

    // Act
    await appUp();
    await drain();

    // Assess
    expect(allText(alertMessages(TECHIES)[0]!)).not.toContain('Also affected because of this');
  });

  it('delivers nothing of a dependant that stopped firing while it was folded', async () => {
    // Prepare
    h = await startHarness(errorsOwnImpact);
    await appDown();
    await errorsFire();
    await drain();

    // Act
    await errorsStop();
    await appUp();
    await drain();

    // Assess
    expect(keysIn(TECHIES)).toEqual([CAUSE]);
    expect(keysIn(PRODUCT)).toEqual([CAUSE_IMPACT]);
  });

  it('shows dependants delivered at once past the storm threshold in their group\'s message', async () => {
    // Prepare: seven page-error alarms of one group fold under the outage (the storm threshold is five)
    h = await startHarness();
    await appDown();
    for (let i = 1; i <= 7; i++) await send(errorRate(i, `err-${++events}`, now()));
    await drain();

    // Act
    await appUp();
    await drain();
    await h.processor.flush();

    // Assess: the outage and four page errors of their own (five openings of the group within its
    // window), and one storm message for the other three
    const stormMessages = h.emulator.messages(TECHIES).filter((m) => m.metadata?.event_type !== 'clarion_alert');
    expect([alertMessages(TECHIES).length, stormMessages.length]).toEqual([5, 1]);
  });

  it('folds nothing under a cause shown only in its storm group\'s message, where no line could list it', async () => {
    // Prepare: five page errors open a storm of the portal's group; the outage joins it
    h = await startHarness();
    for (let i = 1; i <= 5; i++) await send(errorRate(i, `err-${++events}`, now()));
    await appDown();

    // Act
    await send(errorRate(6, `err-${++events}`, now()));

    // Assess
    const sixth = await h.state.getAlert(alarmKey('portal.error-rate', 'trainee-portal-6-5xx-rate'));
    expect(sixth?.groupedInto).toBe('trainee-portal');
  });

  it('posts nothing of a folded dependant when a missing-posts refresh comes for it', async () => {
    // Prepare
    h = await startHarness(errorsOwnImpact);
    await appDown();
    await errorsFire();
    await drain();

    // Act
    await h.processor.processMessage({ clarion: 'refresh', alertKey: DEPENDANT, reason: 'missing-posts' });

    // Assess
    expect(keysIn(TECHIES)).toEqual([CAUSE]);
  });

  it('leaves a dependant that was already told as it is when its cause starts firing', async () => {
    // Prepare
    h = await startHarness(errorsOwnImpact);
    await errorsFire();

    // Act
    await appDown();
    await errorsFire();
    await drain();

    // Assess
    expect(keysIn(TECHIES)).toEqual([DEPENDANT, CAUSE]);
    expect(allText(alertMessages(TECHIES)[1]!)).not.toContain('Also affected because of this');
  });

  it('notes in the thread of a dependant already told that its cause started firing', async () => {
    // Prepare
    h = await startHarness(errorsOwnImpact);
    await errorsFire();

    // Act
    await appDown();
    await drain();

    // Assess
    const [errors] = alertMessages(TECHIES);
    expect(errors!.replies.map((r) => r.text)).toEqual(['Probably caused by: The Trainee Portal is down']);
  });

  it('notes a dependant\'s thread once, however often its cause repeats', async () => {
    // Prepare
    h = await startHarness(errorsOwnImpact);
    await errorsFire();
    await appDown();
    await drain();

    // Act
    await appDown();
    await drain();

    // Assess
    expect(alertMessages(TECHIES)[0]!.replies).toHaveLength(1);
  });
});
