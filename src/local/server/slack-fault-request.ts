/** @module Local stack (HTTP edge): the fault-control contract — `POST /api/slack/faults` bodies in, the Slack emulator's faults out. */
import * as z from 'zod';
import type { ActiveSlackFault, SlackFault } from '../slack-emulator.ts';
import { ClarionError } from '../../core/clarion-error.ts';

/** A day: long enough for any soak, short enough that a forgotten fault does not outlive the session. */
export const MAX_FAULT_SECONDS = 24 * 60 * 60;

const SLACK_ERROR_CODE = /^[a-z][a-z_]*$/;
/** `chat.postMessage`, `conversations.history`, `admin.conversations.setTeams`. */
const SLACK_METHOD = /^[a-z]+(?:\.[a-z][A-Za-z]*)+$/;

const faultRequestSchema = z.strictObject({
  // A JSON number 503 or 429 reads as what was meant.
  fault: z.union([z.literal(503).transform(() => '503'), z.literal(429).transform(() => '429'), z.string()]).pipe(
    z
      .string()
      .max(100)
      .refine((value) => value === '503' || value === '429' || value === 'hang' || SLACK_ERROR_CODE.test(value), {
        message: 'fault must be "503", "429", "hang" or a Slack error code such as "invalid_auth" (lower case and _)',
      }),
  ),
  forSeconds: z
    .number({ message: 'forSeconds must be a number of seconds' })
    .positive({ message: 'forSeconds must be more than 0' })
    .max(MAX_FAULT_SECONDS, { message: `forSeconds must be at most ${MAX_FAULT_SECONDS} (a day)` }),
  method: z
    .string()
    .max(100)
    .regex(SLACK_METHOD, { message: 'method must be a Slack Web API method name such as "chat.postMessage"' })
    .optional(),
});

export type FaultRequest = z.infer<typeof faultRequestSchema>;

/** What the API answers for a stored fault. */
export interface FaultView {
  id: string;
  fault: string;
  /** Absent: every Web API method. */
  method?: string;
  /** ISO time on the stack's clock. */
  until: string | null;
}

/** Thrown for a body that is not a fault request; the message is the one-line reason for the 400. */
export class FaultRequestError extends ClarionError {}

export function parseFaultRequest(body: unknown): FaultRequest {
  const parsed = faultRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  const message = issue?.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; send fault, forSeconds and optionally method` : `${where}${issue?.message ?? 'not a fault'}`;
  throw new FaultRequestError(`not a fault request: ${message}`, { cause: parsed.error });
}

/** The emulator's fault for a request: 503 and 429 as HTTP statuses, `hang` held, any other code as `ok:false`. */
export function toEmulatorFault(request: FaultRequest): SlackFault {
  const scope = { forMs: request.forSeconds * 1000, ...(request.method ? { method: request.method } : {}) };
  if (request.fault === '503') return { ...scope, status: 503 };
  if (request.fault === '429') return { ...scope, status: 429 };
  if (request.fault === 'hang') return { ...scope, hang: true };
  return { ...scope, error: request.fault };
}

export function viewFault(fault: ActiveSlackFault): FaultView {
  const name = fault.hang ? 'hang' : fault.status === 503 || fault.status === 429 ? String(fault.status) : (fault.error ?? String(fault.status ?? 500));
  return {
    id: fault.id,
    fault: name,
    ...(fault.method ? { method: fault.method } : {}),
    until: fault.untilMs === undefined ? null : new Date(fault.untilMs).toISOString(),
  };
}
