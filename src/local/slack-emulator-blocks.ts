/** @module Local stack: the Slack emulator's Block Kit checks, reported the way Slack reports `invalid_blocks`. */

/*
 * Slack answers a bad message with `invalid_blocks` and `response_metadata.messages` lines such as
 * "[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]". Only rules Slack
 * documents are checked (docs.slack.dev block and element pages); the wording copies Slack where
 * it is known and is close enough elsewhere for a human to act on.
 */

export const BLOCK_LIMITS = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonUrl: 3000,
  buttonValue: 2000,
  accessibilityLabel: 75,
  blockId: 255,
  actionId: 255,
  textObject: 3000,
  imageUrl: 3000,
  altText: 2000,
  inputLabel: 2000,
  markdownText: 12_000,
} as const;

const BLOCK_TYPES = new Set([
  'actions',
  'alert',
  'card',
  'carousel',
  'container',
  'context',
  'context_actions',
  'data_table',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'plan',
  'rich_text',
  'section',
  'table',
  'task_card',
  'video',
]);

const ELEMENT_TYPES = new Set([
  'button',
  'channels_select',
  'checkboxes',
  'conversations_select',
  'datepicker',
  'datetimepicker',
  'email_text_input',
  'external_select',
  'feedback_buttons',
  'file_input',
  'icon_button',
  'image',
  'multi_channels_select',
  'multi_conversations_select',
  'multi_external_select',
  'multi_static_select',
  'multi_users_select',
  'number_input',
  'overflow',
  'plain_text_input',
  'radio_buttons',
  'rich_text_input',
  'static_select',
  'timepicker',
  'url_text_input',
  'users_select',
  'workflow_button',
]);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects problems for one message; `at` builds Slack's `[json-pointer:…]` suffix. */
class Problems {
  readonly lines: string[] = [];

  add(problem: string, pointer: string): void {
    this.lines.push(`[ERROR] ${problem} [json-pointer:${pointer}]`);
  }

  required(owner: Json, field: string, pointer: string): boolean {
    if (owner[field] === undefined || owner[field] === null) {
      this.add(`missing required field: ${field}`, pointer);
      return false;
    }
    return true;
  }

  text(value: unknown, pointer: string, max: number, { min = 1 } = {}): void {
    if (typeof value !== 'string') {
      this.add('must be a string', pointer);
      return;
    }
    if (value.length < min) this.add(`must be more than ${min - 1} characters`, pointer);
    if (value.length > max) this.add(`must be less than ${max + 1} characters`, pointer);
  }

  /** A composition text object: `{ type: plain_text | mrkdwn, text }`. */
  textObject(value: unknown, pointer: string, max: number, { plainOnly = false } = {}): void {
    if (!isObject(value)) {
      this.add('must be a text object', pointer);
      return;
    }
    if (value.type !== 'plain_text' && (plainOnly || value.type !== 'mrkdwn')) {
      this.add(plainOnly ? 'must be a plain_text object' : 'must be a plain_text or mrkdwn object', `${pointer}/type`);
    }
    this.text(value.text, `${pointer}/text`, Math.min(max, BLOCK_LIMITS.textObject));
  }

  list(value: unknown, pointer: string, max: number, { min = 1 } = {}): unknown[] {
    if (!Array.isArray(value)) {
      this.add('must be an array', pointer);
      return [];
    }
    if (value.length < min) this.add(`must provide at least ${min} item${min === 1 ? '' : 's'}`, pointer);
    if (value.length > max) this.add(`no more than ${max} items allowed`, pointer);
    return value;
  }
}

/**
 * Returns Slack-style `[ERROR] … [json-pointer:…]` lines for `blocks`; empty when Slack would
 * accept them. `blocks` is whatever the client sent, already JSON-parsed.
 */
export function findBlockErrors(blocks: unknown): string[] {
  const problems = new Problems();
  checkBlockList(problems, blocks, '/blocks', BLOCK_LIMITS.blocksPerMessage);
  return problems.lines;
}

/** Modal limits (docs.slack.dev "Modal view" object; @slack/types `ModalView`). */
export const VIEW_LIMITS = {
  blocksPerView: 100,
  title: 24,
  submit: 24,
  close: 24,
  callbackId: 255,
  privateMetadata: 3000,
} as const;

/**
 * The same kind of lines for a view sent to `views.open`: a modal with a plain_text title, submit
 * and close within 24 characters, a submit button whenever it holds an input, and blocks as in a
 * message (up to 100 of them).
 */
export function findViewErrors(view: unknown): string[] {
  const problems = new Problems();
  if (!isObject(view)) {
    problems.add('must be an object', '/view');
    return problems.lines;
  }
  if (view.type !== 'modal') problems.add('must be modal', '/view/type');
  if (problems.required(view, 'title', '/view')) problems.textObject(view.title, '/view/title', VIEW_LIMITS.title, { plainOnly: true });
  if (view.submit !== undefined) problems.textObject(view.submit, '/view/submit', VIEW_LIMITS.submit, { plainOnly: true });
  if (view.close !== undefined) problems.textObject(view.close, '/view/close', VIEW_LIMITS.close, { plainOnly: true });
  if (view.callback_id !== undefined) problems.text(view.callback_id, '/view/callback_id', VIEW_LIMITS.callbackId, { min: 0 });
  if (view.private_metadata !== undefined) problems.text(view.private_metadata, '/view/private_metadata', VIEW_LIMITS.privateMetadata, { min: 0 });
  if (problems.required(view, 'blocks', '/view')) checkBlockList(problems, view.blocks, '/view/blocks', VIEW_LIMITS.blocksPerView);
  const hasInput = Array.isArray(view.blocks) && view.blocks.some((block) => isObject(block) && block.type === 'input');
  if (hasInput && view.submit === undefined) problems.add('submit is required when blocks contain an input block', '/view/submit');
  return problems.lines;
}

function checkBlockList(problems: Problems, blocks: unknown, root: string, max: number): void {
  const list = problems.list(blocks, root, max, { min: 0 });
  const seenBlockIds = new Map<string, number>();
  let markdownTotal = 0;

  list.forEach((block, index) => {
    const at = `${root}/${index}`;
    if (!isObject(block)) {
      problems.add('must be an object', at);
      return;
    }
    if (typeof block.type !== 'string' || !BLOCK_TYPES.has(block.type)) {
      problems.add(`unsupported block type: ${String(block.type)}`, `${at}/type`);
      return;
    }
    if (block.block_id !== undefined) {
      problems.text(block.block_id, `${at}/block_id`, BLOCK_LIMITS.blockId);
      if (typeof block.block_id === 'string') {
        const first = seenBlockIds.get(block.block_id);
        if (first !== undefined) {
          problems.add(`duplicate block_id "${block.block_id}" (also used by ${root}/${first})`, `${at}/block_id`);
        } else {
          seenBlockIds.set(block.block_id, index);
        }
      }
    }
    markdownTotal += checkBlock(problems, block, at);
  });

  if (markdownTotal > BLOCK_LIMITS.markdownText) {
    problems.add(`markdown blocks together must be less than ${BLOCK_LIMITS.markdownText + 1} characters`, root);
  }
}

/** Checks one block of a known type; returns the characters it adds to the markdown-block budget. */
function checkBlock(problems: Problems, block: Json, at: string): number {
  switch (block.type) {
    case 'header':
      if (problems.required(block, 'text', at)) {
        problems.textObject(block.text, `${at}/text`, BLOCK_LIMITS.headerText, { plainOnly: true });
      }
      return 0;
    case 'section':
      checkSection(problems, block, at);
      return 0;
    case 'context': {
      const elements = problems.list(block.elements, `${at}/elements`, BLOCK_LIMITS.contextElements);
      elements.forEach((element, i) => {
        const elementAt = `${at}/elements/${i}`;
        if (isObject(element) && element.type === 'image') checkImage(problems, element, elementAt);
        else problems.textObject(element, elementAt, BLOCK_LIMITS.textObject);
      });
      return 0;
    }
    case 'actions': {
      const elements = problems.list(block.elements, `${at}/elements`, BLOCK_LIMITS.actionsElements);
      const actionIds = new Set<string>();
      elements.forEach((element, i) => {
        const elementAt = `${at}/elements/${i}`;
        checkElement(problems, element, elementAt);
        if (isObject(element) && typeof element.action_id === 'string') {
          if (actionIds.has(element.action_id)) {
            problems.add(`duplicate action_id "${element.action_id}" in this block`, `${elementAt}/action_id`);
          }
          actionIds.add(element.action_id);
        }
      });
      return 0;
    }
    case 'image':
      checkImage(problems, block, at);
      if (block.title !== undefined) problems.textObject(block.title, `${at}/title`, BLOCK_LIMITS.altText, { plainOnly: true });
      return 0;
    case 'input':
      if (problems.required(block, 'label', at)) {
        problems.textObject(block.label, `${at}/label`, BLOCK_LIMITS.inputLabel, { plainOnly: true });
      }
      if (problems.required(block, 'element', at)) checkElement(problems, block.element, `${at}/element`);
      return 0;
    case 'markdown':
      if (problems.required(block, 'text', at)) {
        problems.text(block.text, `${at}/text`, BLOCK_LIMITS.markdownText);
        return typeof block.text === 'string' ? block.text.length : 0;
      }
      return 0;
    case 'rich_text':
      if (problems.required(block, 'elements', at)) problems.list(block.elements, `${at}/elements`, Infinity, { min: 0 });
      return 0;
    default:
      return 0;
  }
}

function checkSection(problems: Problems, block: Json, at: string): void {
  if (block.text === undefined && block.fields === undefined) {
    problems.add('must provide either text or fields', at);
  }
  if (block.text !== undefined) problems.textObject(block.text, `${at}/text`, BLOCK_LIMITS.sectionText);
  if (block.fields !== undefined) {
    const fields = problems.list(block.fields, `${at}/fields`, BLOCK_LIMITS.sectionFields);
    fields.forEach((field, i) => problems.textObject(field, `${at}/fields/${i}`, BLOCK_LIMITS.sectionFieldText));
  }
  if (block.accessory !== undefined) checkElement(problems, block.accessory, `${at}/accessory`);
}

function checkImage(problems: Problems, image: Json, at: string): void {
  if (image.image_url === undefined && image.slack_file === undefined) {
    problems.add('must provide either image_url or slack_file', at);
  }
  if (image.image_url !== undefined) problems.text(image.image_url, `${at}/image_url`, BLOCK_LIMITS.imageUrl);
  if (problems.required(image, 'alt_text', at)) problems.text(image.alt_text, `${at}/alt_text`, BLOCK_LIMITS.altText);
}

function checkElement(problems: Problems, element: unknown, at: string): void {
  if (!isObject(element)) {
    problems.add('must be an object', at);
    return;
  }
  if (typeof element.type !== 'string' || !ELEMENT_TYPES.has(element.type)) {
    problems.add(`unsupported element type: ${String(element.type)}`, `${at}/type`);
    return;
  }
  if (element.action_id !== undefined) problems.text(element.action_id, `${at}/action_id`, BLOCK_LIMITS.actionId);
  if (element.type === 'image') {
    checkImage(problems, element, at);
    return;
  }
  if (element.type !== 'button') return;

  if (problems.required(element, 'text', at)) {
    problems.textObject(element.text, `${at}/text`, BLOCK_LIMITS.buttonText, { plainOnly: true });
  }
  if (element.url !== undefined) problems.text(element.url, `${at}/url`, BLOCK_LIMITS.buttonUrl);
  if (element.value !== undefined) problems.text(element.value, `${at}/value`, BLOCK_LIMITS.buttonValue);
  if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
    problems.add('must be one of: primary, danger', `${at}/style`);
  }
  if (element.accessibility_label !== undefined) {
    problems.text(element.accessibility_label, `${at}/accessibility_label`, BLOCK_LIMITS.accessibilityLabel);
  }
}
