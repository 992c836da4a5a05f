/** @module Adapter: PagerDuty Events API v2 — trigger, acknowledge and resolve a page by its dedup key, over HTTP to a configurable address. */
import { DeliveryError } from '../core/delivery-error.ts';
import type { DeliveryErrorKind } from '../core/delivery-error.ts';
import type { PageTrigger, PagingPort } from '../core/ports.ts';

export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

export interface PagerDutyOptions {
  /** The Events API v2 address (the local stack points it at its stand-in). */
  url: string;
  /** The integration's routing key, from a secret or the environment; never from the catalog. */
  routingKey: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * A refusal from PagerDuty: 429 and 5xx (and a network failure or a timeout) are worth retrying,
 * through the queue; 400 (an event PagerDuty cannot read) and other 4xx are final and go to the
 * dead-letter queue with their reason, as Slack's final errors do.
 */
export class PagingError extends DeliveryError {}

/** The events PagerDuty is sent, as its Events API v2 documents them. */
type PagerDutyEvent =
  | { routing_key: string; event_action: 'trigger'; dedup_key: string; payload: { summary: string; source: string; severity: PageTrigger['severity']; custom_details?: Record<string, unknown> }; client: string }
  | { routing_key: string; event_action: 'acknowledge' | 'resolve'; dedup_key: string };

export function createPagerDutyEvents(options: PagerDutyOptions): PagingPort {
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5000;

  async function post(event: PagerDutyEvent): Promise<void> {
    let response: Response;
    try {
      response = await send(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new PagingError(`PagerDuty could not be reached (${event.event_action})`, { kind: timedOut ? 'timeout' : 'network', code: timedOut ? 'pagerduty_timeout' : 'pagerduty_network', cause: error });
    }
    if (response.status === 202 || response.status === 200) {
      await response.body?.cancel();
      return;
    }
    const text = (await response.text().catch(() => '')).slice(0, 500);
    const kind: DeliveryErrorKind = response.status === 429 ? 'rate-limited' : response.status >= 500 ? 'server' : 'platform';
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new PagingError(`PagerDuty refused the ${event.event_action} (HTTP ${response.status})${text ? `: ${text}` : ''}`, {
      kind,
      code: `pagerduty_${response.status}`,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
    });
  }

  return {
    trigger: (page) =>
      post({
        routing_key: options.routingKey,
        event_action: 'trigger',
        dedup_key: page.dedupKey,
        payload: { summary: page.summary, source: page.source, severity: page.severity, ...(page.customDetails ? { custom_details: page.customDetails } : {}) },
        client: 'Clarion',
      }),
    acknowledge: (dedupKey) => post({ routing_key: options.routingKey, event_action: 'acknowledge', dedup_key: dedupKey }),
    resolve: (dedupKey) => post({ routing_key: options.routingKey, event_action: 'resolve', dedup_key: dedupKey }),
  };
}

type PagingSettings = { pagerduty?: { url: string; routingKeyEnv: string } } | undefined;

/**
 * The port as the configuration and the environment (`env` looks a variable up) set it up, read again on each call (the local
 * stack reloads the catalog as its YAML changes). A call with no `paging.pagerduty` or no routing
 * key fails for good, so a page that cannot go out sits in the dead-letter queue with that reason
 * instead of vanishing.
 */
export function pagerDutyFromSettings(paging: () => PagingSettings, env: (name: string) => string | undefined): PagingPort {
  const port = (): PagingPort => {
    const settings = paging()?.pagerduty;
    const routingKey = env(settings?.routingKeyEnv ?? 'CLARION_PAGERDUTY_ROUTING_KEY')?.trim();
    if (!settings || !routingKey) {
      throw new PagingError(`PagerDuty is not set up: ${settings ? `no routing key in ${settings.routingKeyEnv}` : 'no paging.pagerduty in the configuration'}`, { kind: 'config', code: 'pagerduty_not_configured' });
    }
    return createPagerDutyEvents({ url: env('CLARION_PAGERDUTY_URL') || settings.url, routingKey });
  };
  return {
    trigger: async (page) => port().trigger(page),
    acknowledge: async (dedupKey) => port().acknowledge(dedupKey),
    resolve: async (dedupKey) => port().resolve(dedupKey),
  };
}
