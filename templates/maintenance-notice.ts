/** @module Render (templates): the plain notices of planned work — before it, when it starts and when it is over — in each audience's wording, with a forwardable text for local offices. */
import type { KnownBlock } from '@slack/types';
import type { RenderedMessage, TemplateName } from '../src/core/alert.ts';
import { fitOwnMessage } from '../src/slack/limits.ts';
import { fallbackText } from './parts/fallback.ts';
import { capitalized, esc, mrkdwn, oneLine, quote } from './parts/text.ts';

export type MaintenancePhase = 'before' | 'start' | 'end';

export interface MaintenanceNoticeInput {
  phase: MaintenancePhase;
  /** What the work is on, author text ("the Trainee Portal"). */
  title: string;
  /** The window's plain message, author text. */
  message?: string;
  start: Date;
  end: Date;
  template: TemplateName;
  timeZone: string;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const timeFormatters = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = map.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, ...options });
    map.set(timeZone, f);
  }
  return f;
}

/** "Saturday 5 December" in the zone. */
export function dayWords(date: Date, timeZone: string): string {
  return cached(dayFormatters, timeZone, { weekday: 'long', day: 'numeric', month: 'long' }).format(date).replace(',', '');
}

/** "09:00" in the zone. */
export function clockWords(date: Date, timeZone: string): string {
  return cached(timeFormatters, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** "on Saturday 5 December from 09:00 to 11:00", or across days "from Saturday 5 December at 22:00 to Sunday 6 December at 02:00". */
export function whenWords(start: Date, end: Date, timeZone: string): string {
  const [startDay, endDay] = [dayWords(start, timeZone), dayWords(end, timeZone)];
  if (startDay === endDay) return `on ${startDay} from ${clockWords(start, timeZone)} to ${clockWords(end, timeZone)}`;
  return `from ${startDay} at ${clockWords(start, timeZone)} to ${endDay} at ${clockWords(end, timeZone)}`;
}

/** "at 11:00", or "on Sunday 6 December at 02:00" when the work ends on another day than `from`. */
function untilWords(from: Date, end: Date, timeZone: string): string {
  return dayWords(from, timeZone) === dayWords(end, timeZone) ? `at ${clockWords(end, timeZone)}` : `on ${dayWords(end, timeZone)} at ${clockWords(end, timeZone)}`;
}

interface Words {
  /** The line the audience reads. */
  line: string;
  /** What a local office passes on to users (names the service, since users read it elsewhere). */
  forward: string;
}

function words(input: MaintenanceNoticeInput, title: string, message: string | undefined): Words {
  const { start, end, timeZone } = input;
  const Title = capitalized(title);
  const extra = message ? ` ${message}` : '';
  if (input.phase === 'before') {
    const line = `${Title} will be unavailable ${whenWords(start, end, timeZone)} for planned work.`;
    return { line, forward: `${line}${extra}` };
  }
  if (input.phase === 'start') {
    return {
      line: `Planned work on ${title} has started. It is expected to end ${untilWords(start, end, timeZone)}.`,
      forward: `${Title} is unavailable now for planned work. It should be back ${untilWords(start, end, timeZone)}.${extra}`,
    };
  }
  return {
    line: `Planned work on ${title} has finished. It was unavailable ${whenWords(start, end, timeZone)}.`,
    forward: `${Title} is working again. The planned work has finished. Thank you for your patience.`,
  };
}

const EMOJI: Record<MaintenancePhase, string> = { before: ':calendar:', start: ':hammer_and_wrench:', end: ':white_check_mark:' };
const STATUS: Record<MaintenancePhase, string> = { before: 'Planned work', start: 'Planned work started', end: 'Planned work finished' };

/** For engineers: one short line; they also see their alerts marked during the work. */
function techies(input: MaintenanceNoticeInput, title: string): RenderedMessage {
  const when = whenWords(input.start, input.end, input.timeZone);
  const line =
    input.phase === 'before'
      ? `${EMOJI.before} Planned work on ${title} ${when}. Alerts of what it affects come to this channel only while it runs, marked.`
      : input.phase === 'start'
        ? `${EMOJI.start} Planned work on ${title} has started (until ${clockWords(input.end, input.timeZone)}). Alerts of what it affects come to this channel only, marked.`
        : `${EMOJI.end} Planned work on ${title} has finished. Alerts still firing are now told to everyone who hears of them.`;
  return { text: fallbackText(STATUS[input.phase], title), blocks: [{ type: 'section', block_id: 'clarion.maintenance', text: mrkdwn(line) }] };
}

/** The notice for one audience of one phase of one occurrence. */
export function renderMaintenanceNotice(input: MaintenanceNoticeInput): RenderedMessage {
  // Author text, escaped like any text shown as mrkdwn: no pings, links or formatting from YAML.
  const title = esc(oneLine(input.title));
  if (input.template === 'techies') return fitOwnMessage(techies(input, title));
  const message = input.message ? esc(input.message.trim()) : undefined;
  const { line, forward } = words(input, title, message);
  const blocks: KnownBlock[] = [{ type: 'section', block_id: 'clarion.maintenance', text: mrkdwn(`${EMOJI[input.phase]} *${STATUS[input.phase]}:* ${line}${message && input.phase !== 'end' ? `\n${message}` : ''}`) }];
  if (input.template === 'local-office') {
    blocks.push(
      { type: 'section', block_id: 'clarion.forward-intro', text: mrkdwn('You can forward this to users:') },
      { type: 'section', block_id: 'clarion.forward', text: mrkdwn(quote(forward)) },
    );
  }
  return fitOwnMessage({ text: fallbackText(STATUS[input.phase], line), blocks });
}
