/** @module Slack: renders a Block Kit message as readable plain text for e-mail and SMS audiences. */
import type { ActionsBlock, ContextBlock, KnownBlock, RichTextBlock, SectionBlock } from '@slack/types';
import type { RenderedMessage } from '../core/alert.ts';

/*
 * Text objects are either plain_text (shown literally) or mrkdwn. mrkdwn is read token by token:
 * a real `<…>` sequence (link, mention, date) is a control sequence Slack would render, while an
 * escaped `&lt;…&gt;` is text someone wrote. Entities are decoded only after the sequences are
 * taken apart, so escaped hostile text comes out as the literal characters it started as and is
 * never promoted to a link. Look-alike characters that escaping put in place of * _ ~ ` stay as
 * they are: a reader sees the same shape, and nothing downstream formats them.
 */

/** One line per header, section, context …; a divider adds an empty line. */
export function blocksToPlainText(message: RenderedMessage): string {
  if (message.blocks.length === 0) return tidy(mrkdwnToPlain(message.text));
  const parts = message.blocks.map(blockText).filter((part): part is string => part !== undefined);
  return tidy(parts.join('\n'));
}

type TextObject = { type: 'plain_text' | 'mrkdwn'; text: string; emoji?: boolean };

function blockText(block: KnownBlock): string | undefined {
  switch (block.type) {
    case 'header':
      return textOf(block.text);
    case 'section':
      return sectionText(block);
    case 'context':
      return contextText(block);
    case 'divider':
      return '';
    case 'actions':
      return actionsText(block);
    case 'rich_text':
      return richText(block);
    case 'markdown':
      return markdownToPlain(block.text);
    case 'image':
      return 'image_url' in block && block.image_url ? `${block.title ? textOf(block.title) : block.alt_text}: ${block.image_url}` : undefined;
    default:
      // Inputs, files, videos and newer container blocks have nothing worth reading in an e-mail.
      return undefined;
  }
}

function sectionText(block: SectionBlock): string | undefined {
  const lines: string[] = [];
  if (block.text) lines.push(textOf(block.text));
  for (const field of block.fields ?? []) lines.push(fieldText(field));
  const accessory = block.accessory;
  if (accessory?.type === 'button' && accessory.url) lines.push(`${textOf(accessory.text)}: ${accessory.url}`);
  return lines.length > 0 ? lines.join('\n') : undefined;
}

/** Templates write a field as "*Label*\nvalue"; that reads best as "Label: value". */
function fieldText(field: TextObject): string {
  const labelled = field.type === 'mrkdwn' ? /^\s*\*([^*\n]+)\*[ \t]*\n([\s\S]*)$/.exec(field.text) : null;
  if (!labelled) return textOf(field);
  const [, label = '', value = ''] = labelled;
  return `${mrkdwnToPlain(label).replace(/:$/, '')}: ${mrkdwnToPlain(value)}`;
}

function contextText(block: ContextBlock): string | undefined {
  const parts = block.elements.flatMap((element) => (element.type === 'image' ? [] : [textOf(element)])).filter((t) => t !== '');
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** Only buttons that open a page mean anything away from Slack. */
function actionsText(block: ActionsBlock): string | undefined {
  const lines = block.elements.flatMap((element) =>
    element.type === 'button' && element.url ? [`${textOf(element.text)}: ${element.url}`] : [],
  );
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function textOf(object: TextObject): string {
  return object.type === 'mrkdwn' ? mrkdwnToPlain(object.text) : object.emoji ? dropEmojiCodes(object.text) : object.text;
}

// ---- rich_text ---------------------------------------------------------------------------

type RichElement = RichTextBlock['elements'][number];
type InlineElement = Extract<RichElement, { type: 'rich_text_section' }>['elements'][number];

function richText(block: RichTextBlock): string {
  return block.elements.map(richElementText).join('\n');
}

function richElementText(element: RichElement): string {
  switch (element.type) {
    case 'rich_text_section':
      return element.elements.map(inlineText).join('');
    case 'rich_text_quote':
      return prefixLines(element.elements.map(inlineText).join(''), '> ');
    case 'rich_text_preformatted':
      return element.elements.map(inlineText).join('');
    case 'rich_text_list': {
      const pad = '  '.repeat(element.indent ?? 0);
      return element.elements
        .map((item, i) => `${pad}${element.style === 'ordered' ? `${i + 1}.` : '•'} ${item.elements.map(inlineText).join('')}`)
        .join('\n');
    }
  }
}

function inlineText(element: InlineElement): string {
  switch (element.type) {
    case 'text':
      return element.text;
    case 'link':
      return element.text && element.text !== element.url ? `${element.text} (${element.url})` : element.url;
    case 'user':
      return `@${element.user_id}`;
    case 'usergroup':
      return `@${element.usergroup_id}`;
    case 'channel':
      return `#${element.channel_id}`;
    case 'broadcast':
      return `@${element.range}`;
    case 'date':
      return element.fallback ?? new Date(element.timestamp * 1000).toISOString();
    case 'emoji':
      return element.unicode ? String.fromCodePoint(...element.unicode.split('-').map((hex) => parseInt(hex, 16))) : '';
    case 'color':
      return element.value;
    case 'team':
      return element.team_id;
  }
}

// ---- mrkdwn ------------------------------------------------------------------------------

/**
 * Control sequences (`<…>`), ``` blocks and `inline` code. While markers are stripped each one
 * stands in the text as a placeholder, so `*bold <url|link>*` loses its markers while the code
 * keeps its * _ ~ exactly. NUL cannot occur in a Slack message, so it delimits the placeholders.
 */
const TOKEN = /<([^<>\n]*)>|```([\s\S]*?)```|`([^`\n]+)`/g;
// eslint-disable-next-line no-control-regex
const PLACEHOLDER = /\u0000(\d+)\u0000/g;

/** mrkdwn as plain text: links as "label (url)", mentions as @id, dates as their fallback, no markers. */
export function mrkdwnToPlain(text: string): string {
  const tokens: string[] = [];
  // eslint-disable-next-line no-control-regex
  const marked = text.replace(/\u0000/g, '').replace(TOKEN, (_, sequence?: string, fenced?: string, inline?: string) => {
    if (sequence !== undefined) tokens.push(controlSequence(sequence));
    else if (fenced !== undefined) tokens.push(decodeEntities(fenced.replace(/^\n/, '').replace(/\n$/, '')));
    else tokens.push(decodeEntities(inline ?? ''));
    return `\u0000${tokens.length - 1}\u0000`;
  });
  return ordinaryText(marked).replace(PLACEHOLDER, (_, index: string) => tokens[Number(index)] ?? '');
}

function ordinaryText(text: string): string {
  return decodeEntities(dropEmojiCodes(stripMarkers(text)));
}

/** `<url|label>`, `<@U1>`, `<#C1|name>`, `<!here>`, `<!subteam^S1|@team>`, `<!date^…|fallback>`. */
function controlSequence(sequence: string): string {
  const bar = sequence.indexOf('|');
  const target = bar >= 0 ? sequence.slice(0, bar) : sequence;
  const label = bar >= 0 ? ordinaryText(sequence.slice(bar + 1)) : undefined;
  if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
  if (target.startsWith('#')) return label ? `#${label.replace(/^#/, '')}` : target;
  if (target.startsWith('!')) {
    const [command = '', id] = target.slice(1).split('^');
    if (command === 'date') return label ?? target;
    if (command === 'subteam') return label ? `@${label.replace(/^@/, '')}` : `@${id ?? 'team'}`;
    return `@${label ?? command}`;
  }
  const url = decodeEntities(target);
  if (!label) return url.replace(/^mailto:/, '');
  const bare = url.replace(/^(mailto:|https?:\/\/)/, '');
  return label === url || label === bare ? label : `${label} (${url})`;
}

/**
 * Removes *bold*, _italic_ and ~strike~ markers where Slack would format: a marker pair hugging
 * non-space text, at word edges (so snake_case and 2*3*4 are left alone).
 */
function stripMarkers(text: string): string {
  let result = text;
  for (const marker of ['\\*', '_', '~']) {
    const pair = new RegExp(`(^|[^\\p{L}\\p{N}${marker}])${marker}(?=\\S)([^\\n]*?\\S)${marker}(?![\\p{L}\\p{N}${marker}])`, 'gu');
    result = result.replace(pair, '$1$2');
  }
  return result;
}

/** `:red_circle:` and friends decorate in Slack; in plain text they are noise. Times like 10:30:45 stay. */
function dropEmojiCodes(text: string): string {
  return text.replace(/(^|[ \t]):[a-z0-9_+'-]*[a-z][a-z0-9_+'-]*:(?=[ \t\n]|$)[ \t]?/gim, '$1');
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));
}

/** The `markdown` block takes standard Markdown: links become "label (url)", emphasis markers go. */
function markdownToPlain(text: string): string {
  return text
    .replace(/\[([^\]\n]+)\]\((\S+?)\)/g, (_, label: string, url: string) => (label === url ? url : `${label} (${url})`))
    .replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, '$2');
}

function prefixLines(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/** No trailing spaces, at most one empty line in a row, none at either end. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
