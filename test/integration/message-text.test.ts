import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advance, alarmEvent, allText, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

/** No catalog entry claims this name, so it goes to the engineers as uncatalogued. */
const UNCATALOGUED = 'room_bookings_prod-queue-depth';
const ENGINEERS = '#portal-alerts';

const uncatalogued = (id: string, time: string, value: 'ALARM' | 'OK') =>
  alarmEvent('app-down-alarm.json', { id, time, value, name: UNCATALOGUED });

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('Processor: what the messages say', () => {
  it('says a resolved uncatalogued alert was as severe as when it fired', async () => {
    // Prepare
    await h.processor.processMessage(uncatalogued('e1', '2026-11-22T09:14:05Z', 'ALARM'));
    advance(h, 600);

    // Act
    const [result] = await h.processor.processMessage(uncatalogued('e2', '2026-11-22T09:24:05Z', 'OK'));

    // Assess
    expect(result?.outcome).toBe('resolved');
    const [message] = h.emulator.messages(ENGINEERS);
    expect(allText(message!)).toContain('was Medium');
    expect(allText(message!)).not.toContain('was Info');
  });
});
