/** @module Catalog: parses one YAML file and maps paths inside it back to `line:col`. */
import { isAlias, isCollection, isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { formatPath } from './catalog-problem.ts';
import type { CatalogProblem, ProblemSeverity } from './catalog-problem.ts';

export interface SourceFile {
  /** Path as it should appear in messages (relative to where the user ran the command). */
  path: string;
  text: string;
}

export interface ParsedYaml {
  file: string;
  value: unknown;
  /** YAML syntax problems; when any is an error, `value` must not be trusted. */
  problems: CatalogProblem[];
  /** Position of the node at `path`, falling back to its closest existing parent. */
  locate(path: ReadonlyArray<PropertyKey>, key?: string): { line: number; col: number };
  /** A problem at `path` (or at the key `key` of the map at `path`). */
  problemAt(path: ReadonlyArray<PropertyKey>, message: string, severity?: ProblemSeverity, key?: string): CatalogProblem;
}

export function parseYamlSource(source: SourceFile): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, prettyErrors: false, uniqueKeys: true });

  const positionOf = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };

  const locate = (path: ReadonlyArray<PropertyKey>, key?: string) => {
    const parts = path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as Array<string | number>;
    for (let depth = parts.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : (doc.getIn(parts.slice(0, depth), true) as YamlNode | undefined);
      if (!node || !('range' in node) || !node.range) continue;
      if (key !== undefined && depth === parts.length && isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
        const keyNode = pair?.key as YamlNode | undefined;
        if (keyNode?.range) return positionOf(keyNode.range[0]);
      }
      return positionOf(node.range[0]);
    }
    return { line: 1, col: 1 };
  };

  const problemAt: ParsedYaml['problemAt'] = (path, message, severity = 'error', key) => ({
    file: source.path,
    ...locate(path, key),
    path: formatPath(key === undefined ? path : [...path, key]),
    message,
    severity,
  });

  const problems: CatalogProblem[] = [
    ...doc.errors.map((e) => yamlProblem(source.path, e, 'error', positionOf)),
    ...doc.warnings.map((e) => yamlProblem(source.path, e, 'warning', positionOf)),
  ];
  const converted = doc.errors.length > 0 ? { value: undefined } : toJs(doc);
  if ('problem' in converted) {
    const { offset, message } = converted.problem;
    problems.push({ file: source.path, ...positionOf(offset), path: '', message, severity: 'error' });
  }

  return {
    file: source.path,
    value: converted.value,
    problems,
    locate,
    problemAt,
  };
}

/** How many values aliases may add to a file when expanded; a catalog needs a handful, a "billion laughs" file billions. */
export const MAX_ALIAS_EXPANSION = 10_000;

type Converted = { value: unknown } | { value: undefined; problem: { offset: number; message: string } };

/** The document as plain data, or the reason it cannot be turned into data, with where. */
function toJs(doc: Document): Converted {
  const aliases = checkAliases(doc);
  if (aliases.bomb) return { value: undefined, problem: aliases.bomb };
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    // yaml's own alias limit, or nesting too deep for its recursive conversion: neither error says where.
    const offset = error instanceof ReferenceError ? (aliases.firstAlias ?? 0) : 0;
    return { value: undefined, problem: { offset, message: `cannot read this file as data: ${(error as Error).message}` } };
  }
}

/**
 * Finds the alias at which expanding the document's aliases would add more than
 * MAX_ALIAS_EXPANSION values. Sizes are counted, never built, with an explicit stack, so the
 * check itself costs one pass over what is written, whatever the aliases would expand to.
 */
function checkAliases(doc: Document): { firstAlias?: number; bomb?: { offset: number; message: string } } {
  const anchors = new Map<string, object>();
  const sizes = new Map<object, number>();
  const stack: Array<{ node: object; children: unknown[]; next: number; size: number }> = [];
  let added = 0;
  let firstAlias: number | undefined;
  let found: { offset: number; message: string } | undefined;

  /** The size of a leaf or alias at once; undefined when the node was pushed to be summed later. */
  const enter = (node: unknown): number | undefined => {
    if (node === null || typeof node !== 'object') return 0;
    if (isAlias(node)) {
      firstAlias ??= node.range?.[0];
      const target = anchors.get(node.source);
      // An alias of its own ancestor has no size yet; yaml reports that case itself.
      const size = (target && sizes.get(target)) ?? 1;
      added += size;
      if (added > MAX_ALIAS_EXPANSION && !found) {
        found = {
          offset: node.range?.[0] ?? 0,
          message: `with this alias, aliases add more than ${MAX_ALIAS_EXPANSION.toLocaleString('en')} values to the file (*${node.source} alone stands for ${size.toLocaleString('en')}); write the values out instead of nesting aliases`,
        };
      }
      return size;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
    if (isScalar(node)) {
      sizes.set(node, 1);
      return 1;
    }
    if (isPair(node)) stack.push({ node, children: [node.key, node.value], next: 0, size: 0 });
    else if (isCollection(node)) stack.push({ node, children: node.items, next: 0, size: 1 });
    else return 1;
    return undefined;
  };

  enter(doc.contents);
  while (stack.length > 0 && !found) {
    const frame = stack[stack.length - 1]!;
    if (frame.next < frame.children.length) {
      const size = enter(frame.children[frame.next++]);
      if (size !== undefined) frame.size += size;
      continue;
    }
    stack.pop();
    sizes.set(frame.node, frame.size);
    if (stack.length > 0) stack[stack.length - 1]!.size += frame.size;
  }
  return { ...(firstAlias === undefined ? {} : { firstAlias }), ...(found ? { bomb: found } : {}) };
}

function yamlProblem(
  file: string,
  error: { message: string; pos: [number, number] },
  severity: ProblemSeverity,
  positionOf: (offset: number) => { line: number; col: number },
): CatalogProblem {
  // yaml's messages end with "at line L, column C" and a code frame; the location is ours to print.
  const first = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  // yaml's parser recurses; its own stack overflow means the nesting, not Clarion, is at fault.
  const message = first === 'Maximum call stack size exceeded' ? 'nested too deeply to read; a catalog needs a few levels, not hundreds' : first;
  return { file, ...positionOf(error.pos[0]), path: '', message, severity };
}
