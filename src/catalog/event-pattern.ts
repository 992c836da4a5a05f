/** @module Catalog: EventBridge-style event patterns, the `match.pattern` of an entry. */

/*
 * The semantics follow EventBridge content filtering so authors can paste a rule's pattern:
 * nested objects descend into the event, leaves are arrays of alternatives (literal values or
 * matchers), an array field in the event matches when any element does, and `$or` takes a list
 * of sub-patterns. Supported matchers: prefix, suffix, anything-but, numeric, exists,
 * equals-ignore-case, wildcard.
 */

type Json = unknown;

const MATCHERS = new Set(['prefix', 'suffix', 'anything-but', 'numeric', 'exists', 'equals-ignore-case', 'wildcard']);

export function matchesEventPattern(pattern: Record<string, Json>, event: Json): boolean {
  if (!isObject(event)) return false;
  for (const [key, rule] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(rule) || !rule.some((sub) => isObject(sub) && matchesEventPattern(sub, event))) return false;
      continue;
    }
    const value = event[key];
    if (Array.isArray(rule)) {
      if (!matchesLeaf(rule, value, key in event)) return false;
    } else if (isObject(rule)) {
      if (!matchesEventPattern(rule, value)) return false;
    } else {
      return false;
    }
  }
  return true;
}

function matchesLeaf(alternatives: Json[], value: Json, present: boolean): boolean {
  for (const alternative of alternatives) {
    if (isObject(alternative) && 'exists' in alternative) {
      if (alternative.exists === present) return true;
      continue;
    }
    if (!present) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => matchesOne(alternative, v))) return true;
  }
  return false;
}

function matchesOne(matcher: Json, value: Json): boolean {
  if (!isObject(matcher)) return matcher === value;
  if ('prefix' in matcher) return stringTest(matcher.prefix, value, (v, p) => v.startsWith(p));
  if ('suffix' in matcher) return stringTest(matcher.suffix, value, (v, s) => v.endsWith(s));
  if ('equals-ignore-case' in matcher) {
    return typeof value === 'string' && typeof matcher['equals-ignore-case'] === 'string'
      && value.toLowerCase() === matcher['equals-ignore-case'].toLowerCase();
  }
  if ('wildcard' in matcher) return typeof value === 'string' && typeof matcher.wildcard === 'string' && globToRegExp(matcher.wildcard).test(value);
  if ('numeric' in matcher) return Array.isArray(matcher.numeric) && typeof value === 'number' && numericTest(matcher.numeric, value);
  if ('anything-but' in matcher) {
    const but = matcher['anything-but'];
    if (Array.isArray(but)) return !but.some((b) => matchesOne(b, value));
    return !matchesOne(but, value);
  }
  return false;
}

/** `prefix` and `suffix` also accept `{"equals-ignore-case": "…"}` as EventBridge does. */
function stringTest(arg: Json, value: Json, test: (value: string, arg: string) => boolean): boolean {
  if (typeof value !== 'string') return false;
  if (typeof arg === 'string') return test(value, arg);
  if (isObject(arg) && typeof arg['equals-ignore-case'] === 'string') {
    return test(value.toLowerCase(), arg['equals-ignore-case'].toLowerCase());
  }
  return false;
}

function numericTest(conditions: Json[], value: number): boolean {
  for (let i = 0; i + 1 < conditions.length; i += 2) {
    const op = conditions[i];
    const bound = conditions[i + 1];
    if (typeof bound !== 'number') return false;
    const ok =
      op === '=' ? value === bound
      : op === '>' ? value > bound
      : op === '>=' ? value >= bound
      : op === '<' ? value < bound
      : op === '<=' ? value <= bound
      : false;
    if (!ok) return false;
  }
  return true;
}

/** Lists what is wrong with a pattern's shape, with the dotted path of each problem. */
export function eventPatternProblems(pattern: Json, path: Array<string | number> = []): Array<{ path: Array<string | number>; message: string }> {
  if (!isObject(pattern)) return [{ path, message: 'must be an object of event fields' }];
  const problems: Array<{ path: Array<string | number>; message: string }> = [];
  for (const [key, rule] of Object.entries(pattern)) {
    const here = [...path, key];
    if (key === '$or') {
      if (!Array.isArray(rule) || rule.length < 2) problems.push({ path: here, message: '$or must list at least two patterns' });
      else rule.forEach((sub, i) => problems.push(...eventPatternProblems(sub, [...here, i])));
    } else if (Array.isArray(rule)) {
      if (rule.length === 0) problems.push({ path: here, message: 'must list at least one value or matcher' });
      rule.forEach((alternative, i) => {
        if (isObject(alternative)) {
          const names = Object.keys(alternative);
          if (names.length !== 1 || !MATCHERS.has(names[0]!)) {
            problems.push({ path: [...here, i], message: `unknown matcher; use one of ${[...MATCHERS].join(', ')}` });
          }
        } else if (Array.isArray(alternative)) {
          problems.push({ path: [...here, i], message: 'nested lists are not allowed' });
        }
      });
    } else if (isObject(rule)) {
      problems.push(...eventPatternProblems(rule, here));
    } else {
      problems.push({ path: here, message: 'must be a list of allowed values, e.g. ["FAILED"], or a nested object' });
    }
  }
  return problems;
}

const globCache = new Map<string, RegExp>();

/** `*` matches any run of characters and `?` one character; everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  let re = globCache.get(glob);
  if (!re) {
    const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${source}$`, 's');
    globCache.set(glob, re);
  }
  return re;
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
