/** @module Pipeline: the value at a placeholder's path (`detail.jobName`) in a signal's vars — own properties only, so `__proto__` or `constructor` in a path reach nothing. */

/** The value at `a.b.c`, or undefined when any step is missing or not an object. */
export function valueAt(vars: Record<string, unknown>, path: string): unknown {
  let value: unknown = vars;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
