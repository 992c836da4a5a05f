import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

/** Lints `code` as though it were the file at `file` (relative to the repository root) under the repository's config. */
async function lint(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result?.messages ?? [];
}

const ERROR = 2;

describe('Lint: imports point down the layers', () => {
  it.each([
    ['src/core/x.ts', '../pipeline/storm.ts'],
    ['src/core/x.ts', '../../templates/index.ts'],
    ['templates/x.ts', '../src/pipeline/storm.ts'],
    ['templates/parts/x.ts', '../../src/pipeline/storm.ts'],
    ['src/catalog/x.ts', '../adapters/read-catalog-dir.ts'],
    ['src/sources/x.ts', '../state/state-port.ts'],
    ['src/processor/x.ts', '../interactions/answer-interaction.ts'],
    ['functions/x.ts', '../src/cli/main.ts'],
  ])('refuses %s importing %s', async (file, specifier) => {
    // Act
    const messages = await lint(file, `import { a } from '${specifier}';\nexport const b = a;\n`);

    // Assess
    expect(messages).toEqual([expect.objectContaining({ ruleId: 'no-restricted-imports', severity: ERROR })]);
  });

  it('refuses a type-only import that points up', async () => {
    // Act
    const messages = await lint('src/core/x.ts', "import type { A } from '../pipeline/storm.ts';\nexport type B = A;\n");

    // Assess
    expect(messages).toEqual([expect.objectContaining({ ruleId: 'no-restricted-imports', severity: ERROR })]);
  });

  it('refuses a dynamic import() that points up', async () => {
    // Act
    const messages = await lint('src/core/x.ts', "export const load = () => import('../pipeline/storm.ts');\n");

    // Assess
    expect(messages).toEqual([expect.objectContaining({ ruleId: 'no-restricted-syntax', severity: ERROR })]);
  });

  it('refuses a path with a detour, which could hide where it lands', async () => {
    // Act
    const messages = await lint('src/core/x.ts', "import { a } from '../core/../core/signal.ts';\nexport const b = a;\n");

    // Assess
    expect(messages).toEqual([expect.objectContaining({ ruleId: 'no-restricted-imports', severity: ERROR })]);
  });

  it.each([
    ['src/core/x.ts', './signal.ts'],
    ['src/pipeline/x.ts', '../../templates/index.ts'],
    ['src/pipeline/x.ts', '../state/state-port.ts'],
    ['templates/parts/x.ts', '../../src/catalog/schema.ts'],
    ['src/adapters/x.ts', '../processor/process-signals.ts'],
    ['src/local/x.ts', '../../functions/process-signals.ts'],
    ['test/x.ts', '../src/cli/main.ts'],
  ])('lets %s import %s', async (file, specifier) => {
    // Act
    const messages = await lint(file, `import { a } from '${specifier}';\nexport const b = a;\n`);

    // Assess
    expect(messages).toEqual([]);
  });
});

describe('Lint: the core reads no clock, chance, working directory or I/O', () => {
  it.each([
    ['new Date()', 'no-restricted-syntax'],
    ['Date.now()', 'no-restricted-properties'],
    ['Math.random()', 'no-restricted-properties'],
    ['crypto.randomUUID()', 'no-restricted-properties'],
    ['process.cwd()', 'no-restricted-properties'],
  ])('refuses %s in the pipeline', async (expression, ruleId) => {
    // Act
    const messages = await lint('src/pipeline/x.ts', `export const value = ${expression};\n`);

    // Assess
    expect(messages).toEqual([expect.objectContaining({ ruleId, severity: ERROR })]);
  });

  it.each(['new Date()', 'process.cwd()'])('lets the adapters call %s', async (expression) => {
    // Act
    const messages = await lint('src/adapters/x.ts', `export const value = ${expression};\n`);

    // Assess
    expect(messages).toEqual([]);
  });

  it('lets the pipeline build a date from a time it was given', async () => {
    // Act
    const messages = await lint('src/pipeline/x.ts', 'export const at = (ms: number) => new Date(ms);\n');

    // Assess
    expect(messages).toEqual([]);
  });

  it.each([
    ['readFile', 'node:fs/promises'],
    ['spawn', 'node:child_process'],
    ['DynamoDBClient', '@aws-sdk/client-dynamodb'],
    ['WebClient', '@slack/web-api'],
    ['randomUUID', 'node:crypto'],
  ])('refuses importing %s from %s in the catalog', async (name, module) => {
    // Act
    const messages = await lint('src/catalog/x.ts', `import { ${name} } from '${module}';\nexport const used = ${name};\n`);

    // Assess
    expect(messages).toEqual([expect.objectContaining({ ruleId: 'no-restricted-imports', severity: ERROR })]);
  });

  it('lets the adapters read files', async () => {
    // Act
    const messages = await lint('src/adapters/x.ts', "import { readFile } from 'node:fs/promises';\nexport const read = readFile;\n");

    // Assess
    expect(messages).toEqual([]);
  });
});
