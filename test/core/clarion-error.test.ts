import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClarionError } from '../../src/core/clarion-error.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCANNED_FOLDERS = ['src', 'templates', 'functions'];

interface ClassDeclaration {
  file: string;
  name: string;
  parent: string | undefined;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/(^|\/)(node_modules|dist)\//.test(entry.parentPath))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

function classDeclarations(file: string): ClassDeclaration[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/\bclass\s+(\w+)(?:<[^>{]*>)?(?:\s+extends\s+([\w.]+))?/g)].map((m) => ({ file, name: m[1]!, parent: m[2] }));
}

/** Classes named or derived as errors that do not reach ClarionError through named Clarion errors. */
function errorsOffTheBase(): ClassDeclaration[] {
  const declarations = SCANNED_FOLDERS.flatMap(sourceFiles).flatMap(classDeclarations);
  const clarionErrors = new Set(['ClarionError']);
  let grew = true;
  while (grew) {
    grew = false;
    for (const { name, parent } of declarations) {
      if (parent !== undefined && clarionErrors.has(parent) && !clarionErrors.has(name)) {
        clarionErrors.add(name);
        grew = true;
      }
    }
  }
  return declarations.filter(
    ({ file, name, parent }) =>
      (name.endsWith('Error') || parent?.endsWith('Error')) && !clarionErrors.has(name) && !(name === 'ClarionError' && file === 'src/core/clarion-error.ts'),
  );
}

function describeClass({ file, name, parent }: ClassDeclaration): string {
  return `${file}: ${name}${parent ? ` extends ${parent}` : ''}`;
}

class ExampleError extends ClarionError {}

describe('ClarionError', () => {
  it('keeps the cause it is given', () => {
    // Prepare
    const cause = new Error('socket hang up');

    // Act
    const error = new ExampleError('could not reach the table', { cause });

    // Assess
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('could not reach the table');
  });

  it('is named after the subclass that was constructed', () => {
    // Act
    const error = new ExampleError('anything');

    // Assess
    expect(error.name).toBe('ExampleError');
    expect(String(error)).toBe('ExampleError: anything');
  });

  it('is the base of every named error in src, templates and functions', () => {
    // Act
    const offending = errorsOffTheBase();

    // Assess
    expect(offending.map(describeClass)).toEqual([]);
  });
});
