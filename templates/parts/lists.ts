/** @module Render (templates): numbered lists that stop cleanly instead of being cut mid-item. */
import { truncate } from '../../src/slack/limits.ts';

/**
 * "1. …\n2. …" holding as many whole items as fit in `budget` characters, then a line saying how
 * many more there are and where to find them; a single item longer than the budget is truncated.
 */
export function numberedList(items: string[], budget: number, moreWhere: string): string {
  const lines: string[] = [];
  let used = 0;
  const reserve = 60;
  for (const [i, item] of items.entries()) {
    const line = `${i + 1}. ${item}`;
    const room = budget - reserve - used;
    if (line.length + 1 > room) {
      if (lines.length === 0) lines.push(truncate(line, Math.max(room, 20)));
      const left = items.length - lines.length;
      if (left > 0) lines.push(`_…and ${left} more ${left === 1 ? 'step' : 'steps'} ${moreWhere}_`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  return lines.join('\n');
}
