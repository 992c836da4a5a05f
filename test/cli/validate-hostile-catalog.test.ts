import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClarion, scratch } from './run-clarion.ts';

const FIVE_MB = 5 * 1024 * 1024;

/** Nine levels of nine aliases each: 9^9 (about 387 million) values once expanded, in under 400 bytes. */
function billionLaughs(): string {
  const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(', ')}]`);
  lines.push('entries: *i');
  return `${lines.join('\n')}\n`;
}

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await scratch({
    'bomb/bomb.yaml': billionLaughs(),
    'event.json': '{"detail":{"alarmName":"web"}}',
    // One byte over the limit, cheaply: a comment, which would parse in no time if it were read.
    'big/big.yaml': `# ${'x'.repeat(FIVE_MB - 2)}\n`,
  }));
});
afterAll(() => cleanup());

describe('CLI: clarion validate on hostile catalogs', () => {
  it('reports a YAML alias bomb as one file:line:col problem and exits 1', async () => {
    // Act
    const result = await runClarion(['validate', '--catalog', 'bomb'], dir);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      'bomb/bomb.yaml:5:8: with this alias, aliases add more than 10,000 values to the file (*d alone stands for 7,381); write the values out instead of nesting aliases\n',
    );
    expect(result.stderr).toBe('Catalog has problems: 0 entries, 1 error, 0 warnings\n');
  });

  it('refuses a file just over 5 MB before parsing it, naming its size and the limit', async () => {
    // Act
    const result = await runClarion(['validate', '--catalog', 'big'], dir);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('big/big.yaml:1:1: big/big.yaml is 5,242,881 bytes; the limit is 5 MB a file, so it was not read (split it into several files)\n');
    expect(result.stderr).toBe('Catalog has problems: 0 entries, 1 error, 0 warnings\n');
  });

  it('exits 1 with the problem, not a stack trace, when render is given a catalog with an alias bomb', async () => {
    // Act
    const result = await runClarion(['render', '--event', 'event.json', '--catalog', 'bomb'], dir);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^bomb\/bomb\.yaml:5:8: with this alias, aliases add more than 10,000 values/);
    expect(result.stderr).not.toContain('    at ');
  });

  it('names the catalog size limits in its usage text', async () => {
    // Act
    const result = await runClarion(['--help']);

    // Assess
    expect(result.stdout).toContain('A catalog file may be at most 5 MB and the\nfolder 10 MB in all');
  });
});
