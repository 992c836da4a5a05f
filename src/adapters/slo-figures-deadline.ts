/** @module Adapters (stage 2½, measure): a deadline around any SLO figures port, so a read that never answers cannot hold an alert back. */
import { ClarionError } from '../core/clarion-error.ts';
import type { SloFiguresPort } from '../core/ports.ts';

/*
 * The CloudWatch client gives up on its own (two tries of 2 s), but the metric store, a proxy or a
 * credentials lookup may not: a read that never settles would keep the processor from sending the
 * alert until the Lambda times out and the record is retried into the same wait. The measure stage
 * sends an alert whose read failed without figures, so past the deadline the read fails.
 */

/** Above the CloudWatch client's own two tries, well within the processor's 60 s. */
export const SLO_FIGURES_DEADLINE_MS = 6000;

export class SloFiguresTimeoutError extends ClarionError {}

export function withFiguresDeadline(port: SloFiguresPort, deadlineMs: number = SLO_FIGURES_DEADLINE_MS): SloFiguresPort {
  return {
    sums(args) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new SloFiguresTimeoutError(`the SLO figures were not read within ${deadlineMs} ms`)), deadlineMs);
        timer.unref?.();
      });
      return Promise.race([port.sums(args), late]).finally(() => clearTimeout(timer));
    },
  };
}
