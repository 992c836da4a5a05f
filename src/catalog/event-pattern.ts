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
  if ('wildcard' in matcher) return typeof value === 'string' && typeof matcher.wildcard === 'string' && compileWildcard(matcher.wildcard)(value);
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

/** A compiled glob: whether a whole string matches it. */
export type GlobTest = (text: string) => boolean;

const LITERAL = 0;
const ANY_ONE = 1;
const ANY_RUN = 2;

interface Tokens {
  kinds: Uint8Array;
  /** The UTF-16 code unit of each literal token (unused for wildcards). */
  units: Uint16Array;
}

/*
 * Matching runs on tokens with the classic two-pointer algorithm rather than a regular
 * expression: `a*a*a*…b` as a backtracking regex takes exponential time against a long name
 * of a's (six stars and 256 characters took minutes), while here a mismatch only ever goes back
 * to the last star, so the work is at most pattern length × text length. Consecutive stars are
 * one star. Matching is by UTF-16 code unit, as the regular expressions did.
 */
function matchTokens({ kinds, units }: Tokens, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let starText = 0;
  while (t < text.length) {
    const kind = p < kinds.length ? kinds[p] : undefined;
    if (kind === ANY_ONE || (kind === LITERAL && units[p] === text.charCodeAt(t))) {
      p++;
      t++;
    } else if (kind === ANY_RUN) {
      star = p++;
      starText = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++starText;
    } else {
      return false;
    }
  }
  while (p < kinds.length && kinds[p] === ANY_RUN) p++;
  return p === kinds.length;
}

function tokens(parts: Array<{ kind: number; unit: number }>): Tokens {
  const kept = parts.filter((part, i) => !(part.kind === ANY_RUN && parts[i - 1]?.kind === ANY_RUN));
  return { kinds: Uint8Array.from(kept, (t) => t.kind), units: Uint16Array.from(kept, (t) => t.unit) };
}

const globCache = new Map<string, GlobTest>();

/** A catalog `glob`: `*` matches any run of characters and `?` one character; everything else is literal. */
export function compileGlob(glob: string): GlobTest {
  let test = globCache.get(glob);
  if (!test) {
    const parts = Array.from({ length: glob.length }, (_, i) => {
      const unit = glob.charCodeAt(i);
      return { kind: glob[i] === '*' ? ANY_RUN : glob[i] === '?' ? ANY_ONE : LITERAL, unit };
    });
    const compiled = tokens(parts);
    test = (text) => matchTokens(compiled, text);
    globCache.set(glob, test);
  }
  return test;
}

const wildcardCache = new Map<string, GlobTest>();

/**
 * An EventBridge `wildcard`: `*` matches any run of characters, `\*` is a literal star and
 * `\\` a literal backslash; every other character, `?` included, is literal, as in EventBridge.
 */
export function compileWildcard(wildcard: string): GlobTest {
  let test = wildcardCache.get(wildcard);
  if (!test) {
    const parts: Array<{ kind: number; unit: number }> = [];
    for (let i = 0; i < wildcard.length; i++) {
      const char = wildcard[i];
      if (char === '\\' && i + 1 < wildcard.length) parts.push({ kind: LITERAL, unit: wildcard.charCodeAt(++i) });
      else parts.push({ kind: char === '*' ? ANY_RUN : LITERAL, unit: wildcard.charCodeAt(i) });
    }
    const compiled = tokens(parts);
    test = (text) => matchTokens(compiled, text);
    wildcardCache.set(wildcard, test);
  }
  return test;
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
