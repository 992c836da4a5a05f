/** @module Local stack (automatic fixes, issue 14): `GET /api/fixes` (the runs the stand-in took), `POST /api/fixes/faults` (make the next calls fail) and `DELETE /api/fixes/faults`. */
import * as z from 'zod';
import type { FixStandIn } from '../fix-stand-in.ts';

export const FaultRequest = z
  .object({
    fault: z.enum(['throttled', 'denied', 'fails']),
    kind: z.enum(['step-functions', 'lambda-invoke', 'ecs-redeploy', 'ssm-automation']).optional(),
    times: z.number().int().min(1).max(100).default(1),
  })
  .strict();

export type FixApiAnswer = { status: number; body: unknown } | { status: 400; reason: string };

export function createFixApi(standIn: FixStandIn) {
  return {
    list: (): FixApiAnswer => ({ status: 200, body: { runs: standIn.runs(), faults: standIn.faults() } }),
    fail(body: unknown): FixApiAnswer {
      const parsed = FaultRequest.safeParse(body);
      if (!parsed.success) return { status: 400, reason: `the fault: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}` };
      standIn.fail({ fault: parsed.data.fault, times: parsed.data.times, ...(parsed.data.kind ? { kind: parsed.data.kind } : {}) });
      return { status: 201, body: { faults: standIn.faults() } };
    },
    clear: (): FixApiAnswer => ({ status: 200, body: { cleared: standIn.clearFaults() } }),
  };
}
export type FixApi = ReturnType<typeof createFixApi>;
