/** @module Slack: Block Kit limits, and the one place that makes any message fit them (truncating, never throwing). */
import type { KnownBlock } from '@slack/types';
import type { RenderedMessage } from '../core/alert.ts';

/*
 * Sources: /work/shared/reference/slack-platform.md §2 (docs.slack.dev block reference and
 * @slack/types JSDoc). Lengths are counted in UTF-16 code units, which is never fewer than what
 * Slack counts, so anything within these limits is within Slack's.
 */
export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  /** Any text object (context elements, confirm texts …) outside the tighter cases above. */
  textObject: 3000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonUrl: 3000,
  buttonValue: 2000,
  accessibilityLabel: 75,
  actionId: 255,
  blockId: 255,
  optionText: 75,
  optionValue: 75,
  staticSelectOptions: 100,
  overflowOptionsMin: 2,
  overflowOptionsMax: 5,
  placeholderText: 150,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  markdownBlockText: 12_000,
  /** chat.postMessage accepts 40,000 but chat.update rejects more than 4,000 (`msg_too_long`). */
  topLevelText: 4000,
  /**
   * Not a documented limit: Slack answers `msg_blocks_too_long` somewhere around 13,000 characters of
   * block text (bolt-js#2509), so `fitMessage` keeps the sum of all block texts below this budget.
   * `findLimitViolations` does not report it because Slack does not document it.
   */
  blockTextBudget: 12_000,
} as const;

const ELLIPSIS = '…';

/**
 * Shortens `text` to at most `max` UTF-16 code units, ending with "…" when cut. The cut never
 * splits a surrogate pair, never leaves half an `&amp;`/`&lt;`/`&gt;` entity, never leaves a Slack
 * control sequence (`<https://…|…>`, `<@U…>`, `<!date^…>`) open, and closes a code block it cut into.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let cut = text.slice(0, max - 1);
  let fence = false;
  for (;;) {
    const before = cut;
    cut = trimCut(cut);
    fence = countFences(cut) % 2 === 1;
    // A closing fence needs room: "…\n```" is five units instead of one.
    if (fence && cut.length + 5 > max) cut = cut.slice(0, Math.max(0, max - 5));
    if (cut === before) break;
  }
  return fence ? `${cut}${ELLIPSIS}\n\`\`\`` : `${cut}${ELLIPSIS}`;
}

function trimCut(input: string): string {
  let cut = input;
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/&(?:a|am|amp|l|lt|g|gt)?$/, '');
  // A raw "<" only starts a control sequence in escaped mrkdwn; in plain text it may be a "less than".
  const open = cut.search(/<(?:https?:|mailto:|[!@#])[^>]*$/);
  if (open >= 0) cut = cut.slice(0, open);
  // A partial fence ("`" or "``") left at the end would merge with the closing fence we add.
  cut = cut.replace(/(?<!`)`{1,2}$/, '');
  return cut.replace(/\s+$/, '');
}

function countFences(text: string): number {
  return text.match(/```/g)?.length ?? 0;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | undefined {
  return isObject(value) && typeof value.text === 'string' ? value.text : undefined;
}

/** Truncates `obj.text.text` in place when it is a text object. */
function fitTextObject(obj: Json, key: string, max: number): void {
  const t = obj[key];
  if (isObject(t) && typeof t.text === 'string') {
    t.text = t.text.length === 0 ? '-' : truncate(t.text, max);
  }
}

function fitString(obj: Json, key: string, max: number): void {
  const v = obj[key];
  if (typeof v === 'string') obj[key] = truncate(v, max);
}

function fitConfirm(element: Json): void {
  const confirm = element.confirm;
  if (!isObject(confirm)) return;
  fitTextObject(confirm, 'title', SLACK_LIMITS.confirmTitle);
  fitTextObject(confirm, 'text', SLACK_LIMITS.confirmText);
  fitTextObject(confirm, 'confirm', SLACK_LIMITS.confirmButton);
  fitTextObject(confirm, 'deny', SLACK_LIMITS.confirmButton);
}

function fitOptions(options: unknown, max: number): unknown[] | undefined {
  if (!Array.isArray(options)) return undefined;
  const kept = options.slice(0, max);
  for (const option of kept) {
    if (!isObject(option)) continue;
    fitTextObject(option, 'text', SLACK_LIMITS.optionText);
    fitString(option, 'value', SLACK_LIMITS.optionValue);
    fitTextObject(option, 'description', SLACK_LIMITS.optionText);
  }
  return kept;
}

/** Fits one interactive element in place; returns false when it must be dropped. */
function fitElement(element: Json): boolean {
  fitString(element, 'action_id', SLACK_LIMITS.actionId);
  fitConfirm(element);
  if (element.type === 'button') {
    // A cut URL points somewhere else, so a button whose URL is too long goes entirely.
    if (typeof element.url === 'string' && element.url.length > SLACK_LIMITS.buttonUrl) return false;
    fitTextObject(element, 'text', SLACK_LIMITS.buttonText);
    fitString(element, 'value', SLACK_LIMITS.buttonValue);
    fitString(element, 'accessibility_label', SLACK_LIMITS.accessibilityLabel);
  } else if (element.type === 'static_select') {
    fitTextObject(element, 'placeholder', SLACK_LIMITS.placeholderText);
    const options = fitOptions(element.options, SLACK_LIMITS.staticSelectOptions);
    if (options) element.options = options;
  } else if (element.type === 'overflow') {
    const options = fitOptions(element.options, SLACK_LIMITS.overflowOptionsMax);
    if (!options || options.length < SLACK_LIMITS.overflowOptionsMin) return false;
    element.options = options;
  }
  return true;
}

/** Fits one block in place; returns false when nothing valid is left of it. */
function fitBlock(block: Json): boolean {
  fitString(block, 'block_id', SLACK_LIMITS.blockId);
  switch (block.type) {
    case 'header':
      fitTextObject(block, 'text', SLACK_LIMITS.headerText);
      return true;
    case 'section': {
      fitTextObject(block, 'text', SLACK_LIMITS.sectionText);
      if (Array.isArray(block.fields)) {
        const fields = block.fields.slice(0, SLACK_LIMITS.sectionFields).filter(isObject);
        for (const field of fields) {
          if (typeof field.text === 'string') {
            field.text = field.text.length === 0 ? '-' : truncate(field.text, SLACK_LIMITS.sectionFieldText);
          }
        }
        if (fields.length > 0) block.fields = fields;
        else delete block.fields;
      }
      if (isObject(block.accessory) && !fitElement(block.accessory)) delete block.accessory;
      return textOf(block.text) !== undefined || Array.isArray(block.fields);
    }
    case 'context': {
      if (!Array.isArray(block.elements)) return false;
      const elements = block.elements.slice(0, SLACK_LIMITS.contextElements).filter(isObject);
      for (const element of elements) {
        if (typeof element.text === 'string') {
          element.text = element.text.length === 0 ? '-' : truncate(element.text, SLACK_LIMITS.textObject);
        }
      }
      block.elements = elements;
      return elements.length > 0;
    }
    case 'actions': {
      if (!Array.isArray(block.elements)) return false;
      const elements = block.elements.filter((e): e is Json => isObject(e) && fitElement(e));
      block.elements = elements.slice(0, SLACK_LIMITS.actionsElements);
      return elements.length > 0;
    }
    case 'markdown':
      fitString(block, 'text', SLACK_LIMITS.markdownBlockText);
      return true;
    default:
      return true;
  }
}

function moreNotShown(count: number): Json {
  return {
    type: 'context',
    block_id: 'clarion.more',
    elements: [{ type: 'mrkdwn', text: `_${count} more ${count === 1 ? 'item' : 'items'} not shown_` }],
  };
}

/**
 * Keeps at most 50 blocks. Action blocks are kept first (they carry Acknowledge), the rest in order
 * until the budget runs out; a last context block says how many were left out.
 */
function capBlocks(blocks: Json[]): Json[] {
  if (blocks.length <= SLACK_LIMITS.blocks) return blocks;
  const room = SLACK_LIMITS.blocks - 1;
  const actions = blocks.filter((b) => b.type === 'actions').slice(0, room);
  const keep = new Set<Json>(actions);
  for (const block of blocks) {
    if (keep.size >= room) break;
    keep.add(block);
  }
  const kept = blocks.filter((b) => keep.has(b));
  return [...kept, moreNotShown(blocks.length - kept.length)];
}

function addTextHolder(holders: Json[], v: unknown): void {
  if (isObject(v) && typeof v.text === 'string') holders.push(v);
}

/** The display texts of a message (not buttons or options), as mutable holders. */
function displayTexts(blocks: Json[]): Json[] {
  const holders: Json[] = [];
  for (const block of blocks) {
    if (block.type === 'header' || block.type === 'section') addTextHolder(holders, block.text);
    if (block.type === 'section' && Array.isArray(block.fields)) for (const f of block.fields) addTextHolder(holders, f);
    if (block.type === 'context' && Array.isArray(block.elements)) for (const e of block.elements) addTextHolder(holders, e);
    if (block.type === 'markdown') addTextHolder(holders, block);
  }
  return holders;
}

/**
 * Shrinks the longest texts first until the sum fits the budget: finds the largest cap L with
 * sum(min(len, L)) ≤ budget, so short texts (status, names) survive and long ones (reasons, steps) give.
 */
function fitTextBudget(blocks: Json[], budget: number): void {
  const holders = displayTexts(blocks);
  let total = 0;
  for (const holder of holders) total += (holder.text as string).length;
  if (total <= budget) return;
  const lengths = holders.map((h) => (h.text as string).length);
  const sorted = [...lengths].sort((a, b) => a - b);
  let used = 0;
  let cap = 0;
  for (let i = 0; i < sorted.length; i++) {
    const remaining = sorted.length - i;
    const candidate = Math.floor((budget - used) / remaining);
    if (candidate < sorted[i]!) {
      cap = candidate;
      break;
    }
    used += sorted[i]!;
  }
  // Below a few dozen characters a text says nothing; Slack's own limit will be well met anyway.
  cap = Math.max(cap, 40);
  for (const holder of holders) holder.text = truncate(holder.text as string, cap);
}

/**
 * Returns a copy of `message` that meets every Slack limit in `SLACK_LIMITS`: texts are truncated
 * with "…", field and element lists capped, buttons with over-long URLs dropped, blocks beyond 50
 * replaced by a "N more items not shown" note. Never throws.
 */
export function fitMessage(message: RenderedMessage): RenderedMessage {
  return fitOwnMessage({ text: message.text, blocks: message.blocks.map(cloneJson) as KnownBlock[] });
}

/**
 * `fitMessage` for a message its caller has just built and hands over: the blocks are fitted in
 * place instead of on a copy. Templates build fresh objects for every message, and copying them
 * was a tenth of render time (measured on the bench's alarm alerts: fitting a techies message
 * 5.0 µs → 1.4 µs).
 */
export function fitOwnMessage(message: RenderedMessage): RenderedMessage {
  const blocks: Json[] = [];
  for (const block of message.blocks as unknown[]) if (isObject(block) && fitBlock(block)) blocks.push(block);
  const capped = capBlocks(blocks);
  fitTextBudget(capped, SLACK_LIMITS.blockTextBudget);
  return { text: truncate(message.text, SLACK_LIMITS.topLevelText), blocks: capped as unknown as KnownBlock[] };
}

/** Blocks are plain JSON; a hand-written copy is several times faster than structuredClone. */
function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const key in value) copy[key] = cloneJson((value as Record<string, unknown>)[key]);
    return copy;
  }
  return value;
}

function checkLength(out: string[], path: string, value: unknown, max: number, what = 'characters'): void {
  if (typeof value === 'string' && value.length > max) out.push(`${path}: ${value.length} ${what}, more than ${max}`);
}

function checkTextObject(out: string[], path: string, value: unknown, max: number, plainOnly = false): void {
  if (!isObject(value)) {
    out.push(`${path}: missing text object`);
    return;
  }
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn') out.push(`${path}/type: must be plain_text or mrkdwn`);
  if (plainOnly && value.type !== 'plain_text') out.push(`${path}/type: must be plain_text`);
  if (typeof value.text !== 'string' || value.text.length === 0) out.push(`${path}/text: must not be empty`);
  checkLength(out, `${path}/text`, value.text, max);
}

function checkCount(out: string[], path: string, list: unknown, min: number, max: number): void {
  if (!Array.isArray(list)) {
    out.push(`${path}: missing`);
    return;
  }
  if (list.length < min) out.push(`${path}: ${list.length} items, fewer than ${min}`);
  if (list.length > max) out.push(`${path}: ${list.length} items, more than ${max}`);
}

function checkOptions(out: string[], path: string, options: unknown): void {
  if (!Array.isArray(options)) return;
  options.forEach((option, i) => {
    if (!isObject(option)) return;
    checkTextObject(out, `${path}/${i}/text`, option.text, SLACK_LIMITS.optionText, true);
    checkLength(out, `${path}/${i}/value`, option.value, SLACK_LIMITS.optionValue);
  });
}

function checkElement(out: string[], path: string, element: Json): void {
  checkLength(out, `${path}/action_id`, element.action_id, SLACK_LIMITS.actionId);
  if (isObject(element.confirm)) {
    const c = element.confirm;
    if (c.title !== undefined) checkTextObject(out, `${path}/confirm/title`, c.title, SLACK_LIMITS.confirmTitle, true);
    checkTextObject(out, `${path}/confirm/text`, c.text, SLACK_LIMITS.confirmText);
    if (c.confirm !== undefined) checkTextObject(out, `${path}/confirm/confirm`, c.confirm, SLACK_LIMITS.confirmButton, true);
    if (c.deny !== undefined) checkTextObject(out, `${path}/confirm/deny`, c.deny, SLACK_LIMITS.confirmButton, true);
  }
  if (element.type === 'button') {
    checkTextObject(out, `${path}/text`, element.text, SLACK_LIMITS.buttonText, true);
    checkLength(out, `${path}/url`, element.url, SLACK_LIMITS.buttonUrl);
    checkLength(out, `${path}/value`, element.value, SLACK_LIMITS.buttonValue);
    checkLength(out, `${path}/accessibility_label`, element.accessibility_label, SLACK_LIMITS.accessibilityLabel);
  } else if (element.type === 'static_select') {
    if (element.placeholder !== undefined) {
      checkTextObject(out, `${path}/placeholder`, element.placeholder, SLACK_LIMITS.placeholderText, true);
    }
    if (element.options !== undefined) {
      checkCount(out, `${path}/options`, element.options, 1, SLACK_LIMITS.staticSelectOptions);
      checkOptions(out, `${path}/options`, element.options);
    }
  } else if (element.type === 'overflow') {
    checkCount(out, `${path}/options`, element.options, SLACK_LIMITS.overflowOptionsMin, SLACK_LIMITS.overflowOptionsMax);
    checkOptions(out, `${path}/options`, element.options);
  }
}

function checkBlock(out: string[], path: string, block: Json): void {
  checkLength(out, `${path}/block_id`, block.block_id, SLACK_LIMITS.blockId);
  switch (block.type) {
    case 'header':
      checkTextObject(out, `${path}/text`, block.text, SLACK_LIMITS.headerText, true);
      break;
    case 'section':
      if (block.text === undefined && block.fields === undefined) out.push(`${path}: needs text or fields`);
      if (block.text !== undefined) checkTextObject(out, `${path}/text`, block.text, SLACK_LIMITS.sectionText);
      if (block.fields !== undefined) {
        checkCount(out, `${path}/fields`, block.fields, 1, SLACK_LIMITS.sectionFields);
        if (Array.isArray(block.fields)) {
          block.fields.forEach((f, i) => checkTextObject(out, `${path}/fields/${i}`, f, SLACK_LIMITS.sectionFieldText));
        }
      }
      if (isObject(block.accessory)) checkElement(out, `${path}/accessory`, block.accessory);
      break;
    case 'context':
      checkCount(out, `${path}/elements`, block.elements, 1, SLACK_LIMITS.contextElements);
      if (Array.isArray(block.elements)) {
        block.elements.forEach((e, i) => {
          if (isObject(e) && e.type !== 'image') checkTextObject(out, `${path}/elements/${i}`, e, SLACK_LIMITS.textObject);
        });
      }
      break;
    case 'actions': {
      checkCount(out, `${path}/elements`, block.elements, 1, SLACK_LIMITS.actionsElements);
      if (!Array.isArray(block.elements)) break;
      const ids = new Set<string>();
      block.elements.forEach((e, i) => {
        if (!isObject(e)) return;
        checkElement(out, `${path}/elements/${i}`, e);
        if (typeof e.action_id === 'string') {
          if (ids.has(e.action_id)) out.push(`${path}/elements/${i}/action_id: "${e.action_id}" repeated in the block`);
          ids.add(e.action_id);
        }
      });
      break;
    }
    case 'markdown':
      checkLength(out, `${path}/text`, block.text, SLACK_LIMITS.markdownBlockText);
      break;
    default:
      break;
  }
}

/**
 * Every way `message` breaks a Slack limit, as "json-pointer: what" strings (the pointer style Slack
 * uses in `invalid_blocks` errors); empty when the message is valid. Accepts any shape, so the
 * Slack emulator can check what it is sent.
 */
export function findLimitViolations(message: { text?: unknown; blocks?: unknown }): string[] {
  const out: string[] = [];
  checkLength(out, '/text', message.text, SLACK_LIMITS.topLevelText);
  if (message.blocks === undefined) return out;
  if (!Array.isArray(message.blocks)) return [...out, '/blocks: must be an array'];
  if (message.blocks.length > SLACK_LIMITS.blocks) {
    out.push(`/blocks: ${message.blocks.length} blocks, more than ${SLACK_LIMITS.blocks}`);
  }
  const blockIds = new Set<string>();
  message.blocks.forEach((block, i) => {
    if (!isObject(block)) {
      out.push(`/blocks/${i}: must be an object`);
      return;
    }
    checkBlock(out, `/blocks/${i}`, block);
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) out.push(`/blocks/${i}/block_id: "${block.block_id}" repeated in the message`);
      blockIds.add(block.block_id);
    }
  });
  return out;
}
