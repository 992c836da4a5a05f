/** @module Render (templates): the interactive elements and their action ids, which the interactions handler keys on. */
import type { ActionsBlock, ActionsBlockElement, Button, StaticSelect } from '@slack/types';
import type { RenderInput } from '../../src/core/alert.ts';
import { SLACK_LIMITS } from '../../src/slack/limits.ts';
import { isButtonUrl } from './links.ts';
import { plain } from './text.ts';
import { isAcknowledged, snoozedUntil } from './times.ts';
import { RUN_FIX_ACTION_ID, runFixButton } from './fix-button.ts';

export const CLARION_ACTION_IDS = {
  acknowledge: 'clarion.acknowledge',
  /** On the engineers' storm group message: acknowledges every alert of the storm at once. */
  acknowledgeGroup: 'clarion.acknowledge-group',
  openRunbook: 'clarion.open-runbook',
  viewConsole: 'clarion.view-console',
  snooze: 'clarion.snooze',
  tellLocalOffices: 'clarion.tell-local-offices',
  unsnooze: 'clarion.unsnooze',
  resolve: 'clarion.resolve',
  postUpdate: 'clarion.post-update',
  /** Opens the *Silence…* form (this alarm, its entry or its group, for a while). */
  silence: 'clarion.silence',
  /** On a silence's quiet line in the engineers' channel: ends the silence now. */
  silenceLift: 'clarion.silence-lift',
  /** Runs the entry's suggested automatic fix (issue 14), after Slack's confirm dialog. */
  runFix: RUN_FIX_ACTION_ID,
} as const;

/** Option values of the snooze menu; the alert key is not in them (option values max 75 chars). */
export const SNOOZE_OPTIONS = [
  { value: '1h', label: 'For 1 hour' },
  { value: '4h', label: 'For 4 hours' },
  { value: 'until-resolved', label: 'Until it recovers' },
  { value: 'until-lifted', label: 'Until I lift it' },
] as const;

/**
 * Alert keys carry alarm names, which are untrusted; button values are URI-encoded so no raw
 * `<!channel>` or `<@U…>` ever sits in a message payload. The interactions handler decodes them.
 */
export function encodeAlertKey(alertKey: string): string {
  return encodeURIComponent(alertKey);
}

export function decodeAlertKey(value: string): string {
  return decodeURIComponent(value);
}

/** The alert key a button's value (or a modal's metadata) carries; undefined when absent or malformed, as a forged press may be. */
export function alertKeyFromValue(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return decodeAlertKey(value);
  } catch {
    return undefined;
  }
}

/** `value` is the alert key as `encodeAlertKey` writes it (encoded once per message). */
export function acknowledgeButton(value: string): Button {
  return {
    type: 'button',
    action_id: CLARION_ACTION_IDS.acknowledge,
    text: plain('Acknowledge'),
    style: 'primary',
    value,
    accessibility_label: 'Acknowledge: tell others you are looking at this',
  };
}

/**
 * `value` is the storm group's key as `encodeAlertKey` writes it. A key whose encoding would not fit
 * Slack's value limit gets no button: a cut value would name another group, or none.
 */
export function acknowledgeGroupButton(value: string): Button | undefined {
  if (value.length > SLACK_LIMITS.buttonValue) return undefined;
  return {
    type: 'button',
    action_id: CLARION_ACTION_IDS.acknowledgeGroup,
    text: plain('Acknowledge all'),
    style: 'primary',
    value,
    accessibility_label: 'Acknowledge all: tell others you are looking at every alert here',
  };
}

/**
 * A URL button. It carries the alert key too: Slack still sends a payload for URL buttons, and the
 * Snooze menu (whose option values cannot hold the key) finds its alert from the message's buttons.
 */
export function linkButton(actionId: string, label: string, url: string, value: string): Button {
  return { type: 'button', action_id: actionId, text: plain(label), url, value };
}

export function snoozeSelect(): StaticSelect {
  return {
    type: 'static_select',
    action_id: CLARION_ACTION_IDS.snooze,
    placeholder: plain('Snooze'),
    options: SNOOZE_OPTIONS.map((o) => ({ text: plain(o.label), value: o.value })),
  };
}

export function unsnoozeButton(value: string): Button {
  return { type: 'button', action_id: CLARION_ACTION_IDS.unsnooze, text: plain('Unsnooze'), value, accessibility_label: 'Unsnooze: show every repeat again' };
}

export function tellLocalOfficesButton(value: string): Button {
  return {
    type: 'button',
    action_id: CLARION_ACTION_IDS.tellLocalOffices,
    text: plain('Tell local offices'),
    value,
    // Reaching non-technical people cannot be taken back, so it is worth one more click.
    confirm: {
      title: plain('Tell local offices?'),
      text: plain('This posts the ready-to-forward message from the catalog entry to the local-office channel.'),
      confirm: plain('Tell them'),
      deny: plain('Cancel'),
    },
  };
}

/** For alerts no OK will come for (a stopped task, a failed job): one more click, since everyone is told it is fixed. */
export function resolveButton(value: string): Button {
  return {
    type: 'button',
    action_id: CLARION_ACTION_IDS.resolve,
    text: plain('Resolve'),
    value,
    confirm: {
      title: plain('Mark it resolved?'),
      text: plain('Everyone who heard about this is told it is fixed. Use this when it is fixed but no recovery event will come.'),
      confirm: plain('Resolve'),
      deny: plain('Cancel'),
    },
  };
}

/** Opens a form (a modal) for a plain-language update to the non-technical audiences; nothing goes out until it is submitted. */
export function postUpdateButton(value: string): Button {
  return {
    type: 'button',
    action_id: CLARION_ACTION_IDS.postUpdate,
    text: plain('Post an update'),
    value,
    accessibility_label: 'Post an update for the product leads and local offices',
  };
}

/** Opens a form (a modal) to silence this alarm, its entry or its group for a while, with a reason. */
export function silenceButton(value: string): Button {
  return {
    type: 'button',
    action_id: CLARION_ACTION_IDS.silence,
    text: plain('Silence…'),
    value,
    accessibility_label: 'Silence: tell nobody about this alarm, its entry or its group for a while',
  };
}

/** Whether anyone but this audience hears of the alert: otherwise an update would have nobody to go to. */
function othersHear(input: RenderInput): boolean {
  return [...input.alert.audiences, ...(input.lifecycle?.audiencesTold ?? [])].some((audience) => audience !== input.audience);
}

/** Acknowledge is pointless once someone has, and Snooze once it is over; `info` never opens an alert. */
function isOpen(input: RenderInput): boolean {
  return input.alert.phase === 'firing' || input.alert.phase === 'noData';
}

/** The techies' actions: Acknowledge, Open runbook, View in console, Snooze, Silence…, Post an update, Resolve, Tell local offices. */
export function techiesActions(input: RenderInput): ActionsBlock | undefined {
  const { alert } = input;
  const key = encodeAlertKey(alert.alertKey);
  const elements: ActionsBlockElement[] = [];
  if (isOpen(input) && !isAcknowledged(input)) elements.push(acknowledgeButton(key));
  if (isButtonUrl(alert.runbook)) elements.push(linkButton(CLARION_ACTION_IDS.openRunbook, 'Open runbook', alert.runbook, key));
  const consoleUrl = alert.signal.links[0]?.url;
  if (isButtonUrl(consoleUrl)) elements.push(linkButton(CLARION_ACTION_IDS.viewConsole, 'View in console', consoleUrl, key));
  if (isOpen(input)) elements.push(snoozeSelect());
  if (isOpen(input)) elements.push(silenceButton(key));
  // Snoozed: lifting it is one press (a snooze until lifted would otherwise last for good).
  if (snoozedUntil(input)) elements.push(unsnoozeButton(key));
  // Uncatalogued alerts reach engineers only; the update speaks for a catalog entry.
  if (isOpen(input) && alert.catalogId !== null && othersHear(input)) elements.push(postUpdateButton(key));
  const fix = isOpen(input) && alert.autoFix?.mode === 'suggest' ? runFixButton(key, alert.autoFix) : undefined;
  if (fix) elements.push(fix);
  if (isOpen(input)) elements.push(resolveButton(key));
  const forward = alert.comms['local-office'];
  // Once someone has told them, the button goes: a second press would only say so.
  // Told already: on this alert's own message (older records), or on its impact's (noted here as `localOfficesTold`).
  if (forward && !alert.audiences.includes('local-office') && alert.phase !== 'resolved' && !input.lifecycle?.audiencesTold?.includes('local-office') && !input.lifecycle?.localOfficesTold) {
    elements.push(tellLocalOfficesButton(key));
  }
  return actionsBlock(elements);
}

/**
 * The engineers' storm message's actions: Acknowledge all while a member fires and nobody has
 * pressed it, and the runbook of the members' entry. The group key (not an alert key) is the value.
 */
export function stormActions(group: { groupKey: string; acknowledgedBy?: string }, open: number, runbook: string | undefined): ActionsBlock | undefined {
  const key = encodeAlertKey(group.groupKey);
  const elements: ActionsBlockElement[] = [];
  const acknowledge = open > 0 && !group.acknowledgedBy ? acknowledgeGroupButton(key) : undefined;
  if (acknowledge) elements.push(acknowledge);
  // A runbook link outlives the storm: engineers read it afterwards too.
  if (isButtonUrl(runbook)) {
    const button = linkButton(CLARION_ACTION_IDS.openRunbook, 'Open runbook', runbook, key);
    // The press only opens the link, so a key too long for Slack is left off rather than cut.
    if (key.length > SLACK_LIMITS.buttonValue) delete button.value;
    elements.push(button);
  }
  return actionsBlock(elements);
}

/** The uncatalogued message's actions: Acknowledge and View in console. */
export function genericActions(input: RenderInput): ActionsBlock | undefined {
  const { alert } = input;
  const key = encodeAlertKey(alert.alertKey);
  const elements: ActionsBlockElement[] = [];
  if (isOpen(input) && !isAcknowledged(input)) elements.push(acknowledgeButton(key));
  const consoleUrl = alert.signal.links[0]?.url;
  if (isButtonUrl(consoleUrl)) elements.push(linkButton(CLARION_ACTION_IDS.viewConsole, 'View in console', consoleUrl, key));
  if (isOpen(input)) elements.push(resolveButton(key));
  return actionsBlock(elements);
}

function actionsBlock(elements: ActionsBlockElement[]): ActionsBlock | undefined {
  return elements.length > 0 ? { type: 'actions', block_id: 'clarion.actions', elements } : undefined;
}
