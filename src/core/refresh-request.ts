/** @module Core (queue boundary): the requests Clarion puts on its own queue, parsed with zod when they come back. */
import * as z from 'zod';

/*
 * The queue carries raw AWS events and these requests side by side. A body is a request when it
 * names one (`clarion`) and the key it is about; the rest is read leniently, as before requests
 * were parsed: a refresh whose reason is missing or unknown confirms a fix (it never posts
 * anything new), a storm redraw needs no reason at all. A body naming no request, or no key, is an
 * event like any other.
 */
const key = z.string().min(1).max(2048);

export const RefreshRequest = z.discriminatedUnion('clarion', [
  /** "Look at this alert again later". `audiences`: the ones to post (absent: every audience the alert routes to). */
  z.object({
    clarion: z.literal('refresh'),
    alertKey: key,
    reason: z.enum(['quiet-period', 'missing-posts']).catch('quiet-period'),
    audiences: z.array(z.string()).optional().catch(undefined),
  }),
  /** "Bring this storm group's message up to date later". */
  z.object({
    clarion: z.literal('refresh-group'),
    groupKey: key,
    reason: z.enum(['rate-limited', 'render-interval', 'out-of-time']).catch('render-interval'),
  }),
  /** "Tell the non-technical audiences of this change" (fixed, or broken again); `key` names the change, so it is told once. */
  z.object({
    clarion: z.literal('tell'),
    alertKey: key,
    change: z.enum(['fixed', 'broken-again']),
    key: z.string().min(1).max(200),
  }),
  /**
   * "Take the next step of this alert's escalation policy" (`src/processor/escalate.ts`): step `n`
   * of the policy, a `repeat` reminder (`round`), or `page-update` (tell the paging service of an
   * acknowledgement or a fix). `incident` names the incident it is for (a later one ignores it);
   * `since` is when the policy started counting; a request arriving before `dueAt` is sent again.
   */
  z.object({
    clarion: z.literal('escalate'),
    alertKey: key,
    step: z.union([z.number().int().min(0).max(100), z.literal('repeat'), z.literal('page-update')]),
    round: z.number().int().min(1).optional(),
    incident: z.string().min(1).max(100),
    since: z.iso.datetime(),
    dueAt: z.iso.datetime(),
  }),
  /**
   * "Show this silence's quiet line as it stands" (`added`: post it; `held`: it held more alerts;
   * `ended`: it was lifted, or, with `dueAt`, its time runs out then and what it held that still
   * fires is delivered). A `dueAt` beyond the queue's longest delay is sent again until it is due.
   */
  z.object({
    clarion: z.literal('silence'),
    id: z.string().min(1).max(64),
    change: z.enum(['added', 'held', 'ended']).catch('held'),
    dueAt: z.string().optional().catch(undefined),
  }),
  /**
   * Inhibition (`src/pipeline/inhibition.ts`): `unfold` delivers a folded dependant (`key`: its alert
   * key) on its own once what it depends on stopped firing; `redraw` brings the list of folded
   * dependants in a cause's engineers' messages up to date (`key`: the cause's entry id); `note`
   * tells a dependant's engineers' thread what probably caused it (`key`: its alert key).
   */
  z.object({
    clarion: z.literal('inhibition'),
    step: z.enum(['unfold', 'redraw', 'note']),
    key,
  }),
  /**
   * "Post the summary of what was held". `schedule`: the schedule at the start of office hours;
   * `retry` finishes a summary already taken (and, only in office hours, takes what was held since);
   * without a trigger, someone asked for the summary now.
   */
  z.object({
    clarion: z.literal('summary'),
    trigger: z.enum(['schedule', 'retry']).optional(),
  }),
  /** "Post the weekly recap due at `dueAt`" (`src/processor/post-weekly-recap.ts`): the 7 days before it, once per audience however often it is delivered. */
  z.object({
    clarion: z.literal('recap'),
    dueAt: z.iso.datetime({ offset: true }),
  }),
  /**
   * "Run this alert's automatic fix" (issue 14, `src/processor/run-fix.ts`): queued by the group
   * stage when an alert whose entry says `mode: auto` opens, or by a *Run fix* press. `run` names
   * the run (its claim: a redelivery runs nothing twice); `incident` the incident it is for.
   */
  z.object({
    clarion: z.literal('fix'),
    alertKey: key,
    incident: z.string().min(1).max(100),
    run: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    by: z.discriminatedUnion('kind', [z.object({ kind: z.literal('auto') }), z.object({ kind: z.literal('user'), id: z.string().min(1).max(40) })]),
  }),
  /** "Look at how this asynchronous fix run stands" (SSM, ECS, Step Functions): check `check` of a bounded number, due at `dueAt`. */
  z.object({
    clarion: z.literal('fix-check'),
    run: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    check: z.number().int().min(1).max(100),
    dueAt: z.iso.datetime(),
  }),
  /** "A phase of this maintenance window is due": its notices (and, at the end, the alarms it held). `occurrence`: its start (ISO); absent, the one whose phase is nearest now. */
  z.object({
    clarion: z.literal('maintenance'),
    windowId: key,
    phase: z.enum(['before', 'start', 'end']),
    occurrence: z.iso.datetime({ offset: true }).optional(),
  }),
]);
export type RefreshRequest = z.infer<typeof RefreshRequest>;

/** The request a queue body is, or null when it is not one (a raw event, or a request that does not parse). */
export function parseRefreshRequest(body: unknown): RefreshRequest | null {
  if (typeof body !== 'object' || body === null || !('clarion' in body)) return null;
  const parsed = RefreshRequest.safeParse(body);
  return parsed.success ? parsed.data : null;
}

export function isRefreshRequest(body: unknown): body is RefreshRequest {
  return parseRefreshRequest(body) !== null;
}
