import { describe, expect, it } from 'vitest';
import { AutoFix } from '../../src/catalog/auto-fix-schema.ts';
import { fillFixCall } from '../../src/pipeline/fill-auto-fix.ts';

/*
 * Review of issue 14: SSM StartAutomationExecution takes each parameter value as 1 to 512
 * characters (AutomationParameterValue in the SSM API model). A placeholder the event leaves
 * empty, or a hostile value of 1 KB, must not make the call one SSM refuses.
 */
const action = AutoFix.parse({
  title: 'Restart the instance',
  mode: 'auto',
  action: { kind: 'ssm-automation', document: 'AWS-RestartEC2Instance', parameters: { InstanceId: ['{{detail.instance-id}}'], Reason: ['{{detail.note}}'] } },
}).action;

describe('SSM Automation parameters filled from an event', () => {
  it('keeps every value SSM takes: none empty, none over 512 characters', () => {
    // Prepare: no instance id in the event, and a 2 KB note
    const vars = { detail: { note: 'x'.repeat(2048) } };

    // Act
    const call = fillFixCall(action, vars);

    // Assess
    if (call.kind !== 'ssm-automation') throw new Error('not an SSM call');
    const values = Object.values(call.parameters).flat();
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((value) => value.length >= 1 && value.length <= 512)).toBe(true);
  });

  it('leaves out a parameter whose every value the event left empty, so the document’s default or its own "missing parameter" answer applies', () => {
    // Prepare
    const vars = { detail: { note: 'disk full' } };

    // Act
    const call = fillFixCall(action, vars);

    // Assess
    expect(call).toMatchObject({ kind: 'ssm-automation', parameters: { Reason: ['disk full'] } });
    expect(call.kind === 'ssm-automation' && 'InstanceId' in call.parameters).toBe(false);
  });
});
