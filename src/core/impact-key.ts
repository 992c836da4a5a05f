/** @module Core: the impact an alert belongs to — what non-technical audiences hear about, one message per catalog entry (or group) however many alarms feed it. */
import type { Alert } from './alert.ts';

/** Impact records live beside alert records, under keys no alert key can take (alert keys start with a catalog id or `uncatalogued`). */
export const IMPACT_KEY_PREFIX = 'impact:';

/**
 * The key of the impact this alert feeds, or null when it feeds none: information is posted once
 * per event, and an uncatalogued alert has no entry to speak for it. A `group` (one service) is one
 * impact across its entries; an entry without one is its own.
 */
export function impactKeyFor(alert: Pick<Alert, 'catalogId' | 'group' | 'phase' | 'alertKey'>): string | null {
  if (isImpactKey(alert.alertKey) || alert.catalogId === null || alert.phase === 'info') return null;
  return `${IMPACT_KEY_PREFIX}${alert.group ? `group:${alert.group}` : `entry:${alert.catalogId}`}`;
}

export function isImpactKey(key: string): boolean {
  return key.startsWith(IMPACT_KEY_PREFIX);
}
