/** @module Local stack (Slack edge): a button press as Slack would send it — block_actions payload, form body, signature. */
import { signSlackRequest } from '../../slack/sign-slack-request.ts';
import { EMULATED_IDENTITY } from '../slack-emulator.ts';
import { ClarionError } from '../../core/clarion-error.ts';

export interface PressedMessage {
  channel: string;
  channelName?: string;
  ts: string;
  text: string;
  blocks: unknown[];
}

export interface Press {
  /** Slack user id of whoever pressed (the demo uses U0DEMO). */
  user: string;
  message: PressedMessage;
  actionId: string;
  /** For selects: the value of the chosen option. */
  selectedValue?: string;
  /** The trigger Slack stamps on the press, for views.open (the emulator issues one); default one in Slack's form that nothing issued. */
  triggerId?: string;
}

/** Thrown when the message has no element with the action id pressed. */
export class UnknownActionError extends ClarionError {
  constructor(actionId: string, options?: { cause?: unknown }) {
    super(`the message has no element with action_id "${actionId}"`, options);
  }
}

interface FoundElement {
  blockId: string | undefined;
  element: Record<string, unknown>;
}

function findElement(blocks: unknown[], actionId: string): FoundElement | undefined {
  for (const block of blocks as Array<Record<string, unknown>>) {
    const candidates = [...((block.elements as unknown[]) ?? []), block.accessory].filter(Boolean) as Array<Record<string, unknown>>;
    const element = candidates.find((e) => e.action_id === actionId);
    if (element) return { blockId: typeof block.block_id === 'string' ? block.block_id : undefined, element };
  }
  return undefined;
}

/** The `block_actions` payload Slack posts for a press, with the fields its docs list. */
export function blockActionsPayload(press: Press, nowMs: number): Record<string, unknown> {
  const found = findElement(press.message.blocks, press.actionId);
  if (!found) throw new UnknownActionError(press.actionId);
  const { element, blockId } = found;
  const actionTs = (nowMs / 1000).toFixed(6);
  const action: Record<string, unknown> = {
    type: element.type,
    action_id: press.actionId,
    ...(blockId ? { block_id: blockId } : {}),
    action_ts: actionTs,
  };
  if (element.type === 'button') {
    Object.assign(action, { text: element.text, ...(element.value !== undefined ? { value: element.value } : {}), ...(element.style ? { style: element.style } : {}) });
  } else {
    const options = (element.options as Array<{ value: string; text: unknown }> | undefined) ?? [];
    const option = options.find((o) => o.value === press.selectedValue);
    if (!option) throw new UnknownActionError(`${press.actionId} option ${String(press.selectedValue)}`);
    action.selected_option = option;
  }
  return {
    type: 'block_actions',
    user: { id: press.user, username: press.user.toLowerCase(), name: press.user.toLowerCase(), team_id: EMULATED_IDENTITY.team_id },
    api_app_id: EMULATED_IDENTITY.app_id,
    token: 'local-verification-token',
    container: { type: 'message', message_ts: press.message.ts, channel_id: press.message.channel, is_ephemeral: false },
    trigger_id: press.triggerId ?? `${Math.floor(nowMs)}.0.local`,
    team: { id: EMULATED_IDENTITY.team_id, domain: 'clarion-local' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: press.message.channel, name: press.message.channelName ?? press.message.channel },
    message: {
      type: 'message',
      user: EMULATED_IDENTITY.user_id,
      bot_id: EMULATED_IDENTITY.bot_id,
      ts: press.message.ts,
      text: press.message.text,
      blocks: press.message.blocks,
    },
    state: { values: {} },
    response_url: 'https://hooks.slack.com/actions/local',
    actions: [action],
  };
}

/** Form body and headers exactly as Slack sends them to the interactivity request URL. */
export function signedInteraction(payload: Record<string, unknown>, signingSecret: string, nowMs: number): { body: string; headers: Record<string, string> } {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...signSlackRequest({ signingSecret, rawBody: body, timestamp: Math.floor(nowMs / 1000) }),
    },
  };
}

/** Sends a signed press to an interactivity URL over HTTP and returns the status Slack would see. */
export async function sendPress(url: string, payload: Record<string, unknown>, signingSecret: string, nowMs = Date.now()): Promise<number> {
  const { body, headers } = signedInteraction(payload, signingSecret, nowMs);
  const response = await fetch(url, { method: 'POST', headers, body });
  await response.arrayBuffer();
  return response.status;
}
