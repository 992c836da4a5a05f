/** @module Catalog: one validation or lint problem with its `file:line:col` location. */
import { ClarionError } from '../core/clarion-error.ts';

export type ProblemSeverity = 'error' | 'warning';

export interface CatalogProblem {
  file: string;
  line: number;
  col: number;
  /** Dotted path in the file, e.g. `entries[2].severity`; empty for file-level problems. */
  path: string;
  message: string;
  severity: ProblemSeverity;
}

/** `file:line:col: path: message` — the format editors and CI annotations understand. */
export function formatProblem(problem: CatalogProblem): string {
  const where = problem.path ? `${problem.path}: ` : '';
  const tag = problem.severity === 'warning' ? 'warning: ' : '';
  return `${problem.file}:${problem.line}:${problem.col}: ${tag}${where}${problem.message}`;
}

/** Turns a zod/YAML path into the dotted form used in messages: `entries[2].match.name`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Raised when a catalog cannot be used at all; carries every problem found. */
export class CatalogError extends ClarionError {
  readonly problems: CatalogProblem[];
  constructor(problems: CatalogProblem[], options?: { cause?: unknown }) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(
      `The alert catalog has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n` +
        errors.map(formatProblem).join('\n'),
      options,
    );
    this.problems = problems;
  }
}
