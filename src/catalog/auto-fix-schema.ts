/** @module Catalog: the `autoFix` block of an entry — one guarded automatic fix step (Step Functions, Lambda, ECS, SSM Automation) and its limits. */
import * as z from 'zod';

/*
 * Self-contained, as escalation-schema.ts is: `schema.ts` imports this module, so a duration is
 * stated again here rather than imported back from it.
 */
const Duration = z
  .string()
  .regex(/^\d+(s|m|h|d)$/, 'must be a duration such as 30s, 10m, 4h or 2d')
  .describe('A duration: a whole number followed by s, m, h or d, e.g. 10m.');

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/*
 * Targets are fixed ARNs or names, never placeholders, so the IAM statements generated from the
 * catalog (infra/auto-fix-permissions.ts) name exactly what may be called. Only the parameters
 * are filled from the signal.
 */
const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d';
const ACCOUNT = '\\d{12}';
const PARTITION = 'aws(?:-cn|-us-gov)?';

export const STATE_MACHINE_ARN = new RegExp(`^arn:${PARTITION}:states:${REGION}:${ACCOUNT}:stateMachine:[A-Za-z0-9_-]{1,80}$`);
export const FUNCTION_ARN = new RegExp(`^arn:${PARTITION}:lambda:${REGION}:${ACCOUNT}:function:[A-Za-z0-9_-]{1,64}(?::[A-Za-z0-9$_-]{1,128})?$`);
export const ECS_SERVICE_ARN = new RegExp(`^arn:${PARTITION}:ecs:${REGION}:${ACCOUNT}:service/[A-Za-z0-9_-]{1,255}/[A-Za-z0-9_-]{1,255}$`);
export const SSM_DOCUMENT = new RegExp(`^(?:arn:${PARTITION}:ssm:${REGION}:${ACCOUNT}:document/)?[A-Za-z0-9_.-]{3,128}$`);
export const ROLE_ARN = new RegExp(`^arn:${PARTITION}:iam::${ACCOUNT}:role/[A-Za-z0-9+=,.@_/-]{1,512}$`);

const arn = (pattern: RegExp, what: string) =>
  z.string().regex(pattern, `must be ${what} (a fixed ARN: placeholders are not allowed in targets, so IAM can name it exactly)`);

/** Parameters are JSON; strings may hold placeholders filled from the signal (not escaped: they go to an AWS API, not to Slack). */
const JsonObject = z.record(z.string(), z.unknown());

export const StepFunctionsFix = z
  .object({
    kind: z.literal('step-functions'),
    stateMachine: arn(STATE_MACHINE_ARN, 'a state machine ARN, arn:aws:states:<region>:<account>:stateMachine:<name>'),
    input: JsonObject.default({}).describe('The execution input; strings may use placeholders such as {{detail.jobName}}.'),
  })
  .strict();

export const LambdaInvokeFix = z
  .object({
    kind: z.literal('lambda-invoke'),
    function: arn(FUNCTION_ARN, 'a function ARN, arn:aws:lambda:<region>:<account>:function:<name>'),
    payload: JsonObject.default({}).describe('The event the function is invoked with (RequestResponse; a FunctionError is a failed fix).'),
  })
  .strict();

export const EcsRedeployFix = z
  .object({
    kind: z.literal('ecs-redeploy'),
    service: arn(ECS_SERVICE_ARN, 'an ECS service ARN with its cluster, arn:aws:ecs:<region>:<account>:service/<cluster>/<name>'),
  })
  .strict();

export const SsmAutomationFix = z
  .object({
    kind: z.literal('ssm-automation'),
    document: z.string().regex(SSM_DOCUMENT, 'must be an Automation document name (e.g. AWS-RestartEC2Instance) or its ARN; placeholders are not allowed in targets'),
    documentVersion: z.string().regex(/^(?:\$DEFAULT|\$LATEST|\d{1,8})$/, 'must be $DEFAULT, $LATEST or a version number').optional(),
    parameters: z.record(z.string().regex(/^[A-Za-z0-9_.-]{1,50}$/, 'must be a parameter name'), z.array(z.string())).default({}).describe('Document parameters: each a list of strings, which may use placeholders.'),
    assumeRole: arn(ROLE_ARN, 'an IAM role ARN, arn:aws:iam::<account>:role/<name>').optional().describe('The role the automation runs as (the processor needs iam:PassRole on it).'),
  })
  .strict();

export const FixAction = z.discriminatedUnion('kind', [StepFunctionsFix, LambdaInvokeFix, EcsRedeployFix, SsmAutomationFix]);
export type FixAction = z.infer<typeof FixAction>;
export type FixKind = FixAction['kind'];

/** Kinds whose service can rehearse a call (Lambda's `InvocationType: DryRun`); the others cannot take `dryRun: true`. */
export const DRY_RUN_KINDS: ReadonlySet<FixKind> = new Set(['lambda-invoke']);

export const AutoFix = z
  .object({
    title: nonEmpty.max(100).describe('What the fix does, in plain words ("Restart the overnight sync"): the button, the thread, "fixed automatically".'),
    mode: z.enum(['auto', 'suggest']).describe('`auto`: Clarion runs it when the alert opens; `suggest`: an engineer presses *Run fix* (with a confirm dialog).'),
    action: FixAction,
    limit: z
      .object({
        runs: z.number().int().min(1).max(50).default(1),
        per: Duration.default('1h'),
      })
      .strict()
      .default({ runs: 1, per: '1h' })
      .describe('At most `runs` runs per `per` for this entry, however many alarms it has.'),
    dryRun: z.boolean().default(false).describe("Rehearse only, with the service's own dry run (lambda-invoke only)."),
  })
  .strict();
export type AutoFix = z.infer<typeof AutoFix>;
