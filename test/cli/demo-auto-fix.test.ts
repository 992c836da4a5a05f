import { describe, expect, it } from 'vitest';
import { runClarion } from './run-clarion.ts';

describe('CLI: clarion demo plays an automatic fix', () => {
  it('ends with the overnight sync restarted on its own, told to the engineers and, once confirmed, to product leads and local offices', async () => {
    // Act
    const result = await runClarion(['demo']);

    // Assess
    expect(result.code).toBe(0);
    const story = result.stdout.slice(result.stdout.indexOf('Automatic fix: the overnight sync fails'));
    expect(story).toContain('Automatic fix Restart the overnight sync: Clarion ran it automatically. It is running.');
    expect(story).toContain('Automatic fix Restart the overnight sync succeeded.');
    expect(story.match(/It was fixed automatically at 03:11 GMT\./g)).toHaveLength(2);
    expect(story).toContain('The stand-in took 1 call: step-functions arn:aws:states:eu-west-2:123456789012:stateMachine:restart-overnight-sync (succeeded)');
  });
});
