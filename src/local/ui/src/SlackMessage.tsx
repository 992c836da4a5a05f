/** @module Preview page: one message drawn as Slack draws Block Kit (slack-blocks-to-jsx), with its buttons wired to real interactions. */
import { useEffect, useMemo, useRef } from 'react';
import type { KeyboardEvent, MouseEvent } from 'react';
import { Message } from 'slack-blocks-to-jsx';
import type { Block, MessageProps } from 'slack-blocks-to-jsx';
import { forDrawing } from './blocks-for-drawing.ts';
import { emojiOrText } from './emoji-shortcode.ts';

export interface PressRequest {
  actionId: string;
  selectedValue?: string;
}

const BOT_LOGO =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 36 36'%3E%3Crect width='36' height='36' rx='8' fill='%23e01e5a'/%3E%3Cpath d='M10 24V12l16 6z' fill='white'/%3E%3C/svg%3E";

/** People the demo and the page act as, so mentions read as names. */
export const KNOWN_USERS = [
  { id: 'U0DEMO', name: 'Demo engineer' },
  { id: 'U0PREVIEW', name: 'You (preview)' },
];

interface Element {
  type?: string;
  action_id?: string;
  url?: string;
  confirm?: unknown;
  options?: Array<{ value: string; text: { text: string } }>;
}

function findElement(blocks: unknown[], actionId: string): Element | undefined {
  for (const block of blocks as Array<{ elements?: Element[]; accessory?: Element }>) {
    for (const element of [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])]) {
      if (element.action_id === actionId) return element;
    }
  }
  return undefined;
}

/** Rich-text emoji elements name a real emoji; mrkdwn `:word:` runs may be times, ranges or ARNs. */
const HOOKS: NonNullable<MessageProps['hooks']> = {
  emoji: (data, parse) => ((data as { type?: string }).type === 'emoji' ? parse(data) : emojiOrText(data.name, (name) => parse({ ...data, name }))),
};

const SELECT_POPUP = '#static_select_popup';
const SELECT_TOGGLE = '#static_select_dropdown_button';
const CONFIRM_OVERLAY = '.slack_blocks_to_jsx__confirm_dialog';

/** The select box around `target` (it holds the toggle as a direct child), if `target` is in one. */
function selectBoxOf(target: HTMLElement): HTMLElement | null {
  const box = target.closest<HTMLElement>('[id]');
  return box?.querySelector(`:scope > ${SELECT_TOGGLE}`) ? box : null;
}

/**
 * The library draws a confirm as a backdrop and a panel with no dialog semantics; the panel is named a
 * modal dialog after its title, and focus moves into it, so keyboard and screen-reader users land there.
 */
function markConfirmDialogs(root: HTMLElement): void {
  for (const overlay of root.querySelectorAll<HTMLElement>(CONFIRM_OVERLAY)) {
    const panel = overlay.lastElementChild as HTMLElement | null;
    if (!panel || panel.getAttribute('role') === 'dialog') continue;
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-modal', 'true');
    const title = panel.firstElementChild?.textContent?.trim();
    if (title) panel.setAttribute('aria-label', title);
    panel.querySelector('button')?.focus();
  }
}

export function slackTime(ts: string): Date {
  return new Date(Number(ts) * 1000);
}

/**
 * slack-blocks-to-jsx draws the elements but has no action callbacks, so presses are read from the
 * DOM it renders: buttons carry their action_id as `id`, a confirm dialog follows a button with a
 * `confirm`, and select options sit in `#static_select_popup` under the select's `id`.
 */
export function SlackMessage(props: { blocks: unknown[]; ts?: string; onPress?: (press: PressRequest) => void; label?: string }) {
  const awaitingConfirm = useRef<string | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  const { onPress, blocks } = props;

  useEffect(() => {
    const root = frame.current;
    if (!root) return;
    // The select closes itself on any document mousedown that is not on its popup or toggle *itself*;
    // a press on an option's text (a child) closed the popup before the click could choose it. Presses
    // inside this message's select stop here, so only a press elsewhere closes it.
    const keepSelectOpen = (event: globalThis.MouseEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest(`${SELECT_POPUP}, ${SELECT_TOGGLE}`) || selectBoxOf(target)) event.stopPropagation();
    };
    const observer = new MutationObserver(() => markConfirmDialogs(root));
    root.addEventListener('mousedown', keepSelectOpen);
    observer.observe(root, { childList: true, subtree: true });
    return () => {
      root.removeEventListener('mousedown', keepSelectOpen);
      observer.disconnect();
    };
  }, []);

  const onClickCapture = (event: MouseEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    // Slack opens a select on a click anywhere on it; the library only on its small arrow.
    const select = selectBoxOf(target);
    if (select && !target.closest(SELECT_TOGGLE)) {
      select.querySelector<HTMLElement>(`:scope > ${SELECT_TOGGLE}`)?.click();
      return;
    }
    if (!onPress) return;
    const dialog = target.closest('.slack_blocks_to_jsx__confirm_dialog');
    if (dialog) {
      const clicked = target.closest('button');
      if (!clicked) return;
      const buttons = dialog.querySelectorAll('button');
      const pending = awaitingConfirm.current;
      awaitingConfirm.current = null;
      if (pending && clicked === buttons[buttons.length - 1]) onPress({ actionId: pending });
      return;
    }
    const popup = target.closest(SELECT_POPUP);
    if (popup) {
      const select = popup.parentElement;
      const optionNode = target.closest('[tabindex="0"]');
      const element = select?.id ? findElement(blocks, select.id) : undefined;
      const option = element?.options?.find((o) => o.text.text === optionNode?.textContent?.trim());
      if (select?.id && option) onPress({ actionId: select.id, selectedValue: option.value });
      return;
    }
    const button = target.closest('button');
    if (!button?.id) return;
    const element = findElement(blocks, button.id);
    if (element?.type !== 'button') return;
    if (element.confirm) awaitingConfirm.current = button.id;
    else onPress({ actionId: button.id });
  };

  // The select's options are focusable divs without key handling: Enter or Space chooses one.
  // Escape in a confirm dialog cancels it, as in Slack.
  const onKeyDownCapture = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const dialog = target.closest(CONFIRM_OVERLAY);
    if (event.key === 'Escape' && dialog) {
      event.preventDefault();
      dialog.querySelector('button')?.click();
      return;
    }
    if ((event.key === 'Enter' || event.key === ' ') && target.closest(SELECT_POPUP) && target.getAttribute('tabindex') === '0') {
      event.preventDefault();
      target.click();
    }
  };

  const drawn = useMemo(() => forDrawing(blocks) as Block[], [blocks]);
  return (
    <div ref={frame} className="slack-message" role="article" onClickCapture={onClickCapture} onKeyDownCapture={onKeyDownCapture} aria-label={props.label}>
      <Message
        blocks={drawn}
        name="Clarion"
        logo={BOT_LOGO}
        theme="light"
        data={{ users: KNOWN_USERS }}
        hooks={HOOKS}
        {...(props.ts ? { time: slackTime(props.ts) } : {})}
      />
    </div>
  );
}
