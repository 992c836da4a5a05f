/** @module Catalog: parses one YAML file and maps paths inside it back to `line:col`. */
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
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

  return {
    file: source.path,
    value: doc.errors.length > 0 ? undefined : toJs(doc),
    problems,
    locate,
    problemAt,
  };
}

function toJs(doc: Document): unknown {
  return doc.toJS({ maxAliasCount: 100 });
}

function yamlProblem(
  file: string,
  error: { message: string; pos: [number, number] },
  severity: ProblemSeverity,
  positionOf: (offset: number) => { line: number; col: number },
): CatalogProblem {
  // yaml's messages end with "at line L, column C" and a code frame; the location is ours to print.
  const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return { file, ...positionOf(error.pos[0]), path: '', message, severity };
}
