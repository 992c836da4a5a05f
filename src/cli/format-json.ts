/** @module CLI (output edge): JSON text for any value — well-formed Unicode, and no stack overflow however deep it nests. */
import { wellFormedText } from '../sources/well-formed-text.ts';

export interface FormatJsonOptions {
  /** Spaces per level, as `JSON.stringify`'s third argument. */
  indent?: number;
  /**
   * Containers deeper than this are written on one line: at depth 10,000 an indented layout
   * would be hundreds of megabytes of spaces, and nobody reads that far down anyway.
   */
  maxIndentedDepth?: number;
}

/** The string with every unpaired UTF-16 surrogate replaced by U+FFFD, as the source edge does. */
export const wellFormed = wellFormedText;

/**
 * A copy of a JSON value with every string (keys included) made well-formed. Iterative, so
 * nesting that `JSON.parse` accepts cannot overflow the stack here.
 */
export function wellFormedJson(value: unknown): unknown {
  const fix = (v: unknown): unknown => (typeof v === 'string' ? wellFormed(v) : v);
  if (!isContainer(value)) return fix(value);
  const root: unknown = Array.isArray(value) ? [] : {};
  const work: Array<{ from: object; to: Record<string, unknown> | unknown[] }> = [{ from: value, to: root as never }];
  for (let item = work.pop(); item; item = work.pop()) {
    const { from, to } = item;
    for (const [key, child] of Object.entries(from)) {
      let copy: unknown = fix(child);
      if (isContainer(child)) {
        copy = Array.isArray(child) ? [] : {};
        work.push({ from: child, to: copy as never });
      }
      if (Array.isArray(to)) to.push(copy);
      else to[wellFormed(key)] = copy;
    }
  }
  return root;
}

interface Frame {
  close: ']' | '}';
  entries: Array<[string | null, unknown]>;
  next: number;
  depth: number;
  value: object;
}

/**
 * `JSON.stringify(value, null, indent)` without its limits: written with an explicit stack, lone
 * surrogates replaced, cycles written as "[circular]" rather than thrown.
 */
export function formatJson(value: unknown, options: FormatJsonOptions = {}): string {
  const indent = options.indent ?? 2;
  const maxIndentedDepth = options.maxIndentedDepth ?? 40;
  const out: string[] = [];
  const stack: Frame[] = [];
  const open = new Set<object>();
  const indented = (depth: number) => indent > 0 && depth < maxIndentedDepth;
  const newline = (depth: number) => `\n${' '.repeat(indent * depth)}`;

  const write = (raw: unknown, depth: number): void => {
    const v = jsonValue(raw);
    if (v === undefined) {
      out.push('null');
      return;
    }
    if (!isContainer(v)) {
      out.push(primitive(v));
      return;
    }
    if (open.has(v)) {
      out.push('"[circular]"');
      return;
    }
    open.add(v);
    const entries: Array<[string | null, unknown]> = Array.isArray(v)
      ? v.map((child) => [null, child])
      : Object.entries(v).filter(([, child]) => jsonValue(child) !== undefined);
    out.push(Array.isArray(v) ? '[' : '{');
    stack.push({ close: Array.isArray(v) ? ']' : '}', entries, next: 0, depth, value: v });
  };

  write(value, 0);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const pretty = indented(frame.depth);
    if (frame.next >= frame.entries.length) {
      stack.pop();
      open.delete(frame.value);
      if (pretty && frame.entries.length > 0) out.push(newline(frame.depth));
      out.push(frame.close);
      continue;
    }
    const [key, child] = frame.entries[frame.next]!;
    if (frame.next > 0) out.push(',');
    frame.next += 1;
    if (pretty) out.push(newline(frame.depth + 1));
    if (key !== null) out.push(`${JSON.stringify(wellFormed(key))}:${pretty ? ' ' : ''}`);
    write(child, frame.depth + 1);
  }
  return out.join('');
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** What JSON.stringify would serialise for this value, after `toJSON`; undefined when it skips it. */
function jsonValue(value: unknown): unknown {
  const v = isContainer(value) && typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return undefined;
  return v;
}

function primitive(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(wellFormed(value));
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return String(value);
    case 'bigint':
      return JSON.stringify(String(value));
    default:
      return 'null';
  }
}
