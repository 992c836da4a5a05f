/** @module Catalog: the zod definition of a maintenance window (`maintenance:` in a catalog file) — planned work, when, what it affects and who is told. */
import * as z from 'zod';

/*
 * Kept apart from `schema.ts` (which imports it for `CatalogFile`) so the window's rules sit in one
 * place; the few shapes it shares with entries (durations, times of day) are restated here rather
 * than imported, so the two modules do not import each other.
 */
const nonEmpty = z.string().trim().min(1, 'must not be empty');

const Duration = z
  .string()
  .regex(/^\d+(s|m|h|d)$/, 'must be a duration such as 30s, 10m, 4h or 2d')
  .describe('A duration: a whole number followed by s, m, h or d, e.g. 2h.');

export const MAINTENANCE_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** `2026-12-05T09:00` (in the stage's time zone), or with an offset or `Z` for an exact instant. */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/;

const DateTime = z
  .string()
  .regex(LOCAL_DATE_TIME, 'must be a date and time such as 2026-12-05T09:00 (in the stage time zone) or 2026-12-05T09:00+01:00')
  .describe('A date and time, YYYY-MM-DDTHH:MM, read in the stage time zone; add Z or +01:00 for an exact instant.');

export const MaintenanceSchedule = z
  .object({
    days: z.array(z.enum(MAINTENANCE_DAYS)).min(1, 'must name at least one day').describe('The days the work happens on, e.g. [sat].'),
    at: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time such as 09:00 or 17:30')
      .describe('When the work starts on those days, HH:MM in the stage time zone.'),
  })
  .strict();
export type MaintenanceSchedule = z.infer<typeof MaintenanceSchedule>;

export const MaintenanceWindow = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]*$/, 'must be lower case letters, digits, dots and dashes, e.g. portal.saturday-upgrade')
      .max(100, 'must be at most 100 characters')
      .describe('Unique across the catalog, e.g. portal.saturday-upgrade.'),
    title: nonEmpty
      .max(150)
      .describe('What the work is on, as people know it, e.g. "the Trainee Portal": notices read "Planned work on the Trainee Portal has started".'),
    affects: z
      .object({
        entries: z.array(nonEmpty).default([]).describe('Catalog entry ids whose alerts go to engineers only during the work.'),
        groups: z.array(nonEmpty).default([]).describe('Catalog groups: every entry of the group is affected.'),
      })
      .strict()
      .refine((a) => a.entries.length + a.groups.length > 0, { message: 'must name at least one entry or group' })
      .describe('Which alerts the work affects.'),
    starts: DateTime.optional().describe('A one-off window: when the work starts (with `ends`).'),
    ends: DateTime.optional().describe('A one-off window: when the work ends.'),
    schedule: MaintenanceSchedule.optional().describe('A recurring window: the days and time it starts (with `duration`).'),
    duration: Duration.optional().describe('A recurring window: how long each time lasts, e.g. 2h.'),
    tell: z
      .array(nonEmpty)
      .default([])
      .describe('Audiences told before, at the start and at the end of the work (names from the configuration file).'),
    noticeBefore: Duration.default('1d').describe('How long before the start the first notice goes out (default 1d).'),
    message: nonEmpty
      .max(1500)
      .optional()
      .describe('What people should know, in plain words for non-technical readers (linted like comms), e.g. "Please save your work before 09:00."'),
  })
  .strict()
  .superRefine((w, ctx) => {
    const oneOff = w.starts !== undefined || w.ends !== undefined;
    const recurring = w.schedule !== undefined || w.duration !== undefined;
    if (oneOff && recurring) {
      ctx.addIssue({ code: 'custom', message: 'is either one-off (starts and ends) or recurring (schedule and duration), not both', path: [w.schedule ? 'schedule' : 'duration'] });
      return;
    }
    if (!oneOff && !recurring) {
      ctx.addIssue({ code: 'custom', message: 'needs starts and ends (one-off) or schedule and duration (recurring)', path: [] });
      return;
    }
    if (oneOff) {
      if (w.starts === undefined) ctx.addIssue({ code: 'custom', message: 'a one-off window needs starts too', path: ['ends'] });
      if (w.ends === undefined) ctx.addIssue({ code: 'custom', message: 'a one-off window needs ends too', path: ['starts'] });
      return;
    }
    if (w.schedule === undefined) ctx.addIssue({ code: 'custom', message: 'a recurring window needs a schedule too', path: ['duration'] });
    if (w.duration === undefined) ctx.addIssue({ code: 'custom', message: 'a recurring window needs a duration too', path: ['schedule'] });
  });
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;
export type MaintenanceWindowInput = z.input<typeof MaintenanceWindow>;
