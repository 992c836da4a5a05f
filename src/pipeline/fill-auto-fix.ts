/** @module Pipeline (the enrich stage's rules, issue 14): an entry's `autoFix` with its parameters filled from the signal — JSON values for an AWS API, bounded, never Slack text. */
import type { AutoFix } from '../catalog/auto-fix-schema.ts';
import { fillPlaceholders, placeholdersIn } from '../catalog/entry-texts.ts';
import type { AlertAutoFix, FixCall } from '../core/fix-call.ts';
import { valueAt } from './value-at.ts';

/** The most one filled value holds: events are untrusted, and a fix's input must stay far inside every service's limit. */
export const MAX_FIX_VALUE_LENGTH = 1024;

const WHOLE_PLACEHOLDER = /^\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}$/;

function bounded(text: string): string {
  return text.length <= MAX_FIX_VALUE_LENGTH ? text : text.slice(0, MAX_FIX_VALUE_LENGTH);
}

/** A value as text inside a longer string: strings as they are, the rest as JSON; nothing for a missing value. */
function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return bounded(value);
  try {
    return bounded(JSON.stringify(value) ?? '');
  } catch {
    return '';
  }
}

/**
 * A string that is one placeholder alone takes the value itself (a number stays a number, a
 * missing value is null); text around placeholders makes a string. Not mrkdwn-escaped: these go
 * to an AWS API, and are never shown in Slack.
 */
function fillString(template: string, vars: Record<string, unknown>, asJson: boolean): unknown {
  const whole = WHOLE_PLACEHOLDER.exec(template);
  if (whole && asJson) {
    const value = valueAt(vars, whole[1]!);
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    return asText(value);
  }
  if (placeholdersIn(template).length === 0) return template;
  return fillPlaceholders(template, (path) => asText(valueAt(vars, path)));
}

function fillJson(value: unknown, vars: Record<string, unknown>): unknown {
  if (typeof value === 'string') return fillString(value, vars, true);
  if (Array.isArray(value)) return value.map((item) => fillJson(item, vars));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillJson(item, vars)]));
  }
  return value;
}

/** SSM takes each Automation parameter value as 1 to 512 characters (`AutomationParameterValue`). */
export const MAX_SSM_VALUE_LENGTH = 512;

/**
 * An SSM parameter's values, filled: cut to what SSM takes, and without the ones the event left
 * empty (SSM refuses an empty value; a parameter left with none is omitted, so the document's
 * default applies, or SSM names the missing parameter in the thread).
 */
function ssmValues(list: string[], vars: Record<string, unknown>): string[] {
  return list.map((item) => String(fillString(item, vars, false)).slice(0, MAX_SSM_VALUE_LENGTH)).filter((value) => value !== '');
}

/** The call with its parameters filled from `vars`; the target is the catalog's own (placeholders are refused there). */
export function fillFixCall(action: AutoFix['action'], vars: Record<string, unknown>): FixCall {
  switch (action.kind) {
    case 'step-functions':
      return { kind: action.kind, stateMachine: action.stateMachine, input: fillJson(action.input, vars) as Record<string, unknown> };
    case 'lambda-invoke':
      return { kind: action.kind, function: action.function, payload: fillJson(action.payload, vars) as Record<string, unknown> };
    case 'ecs-redeploy':
      return { kind: action.kind, service: action.service };
    case 'ssm-automation':
      return {
        kind: action.kind,
        document: action.document,
        ...(action.documentVersion ? { documentVersion: action.documentVersion } : {}),
        parameters: Object.fromEntries(
          Object.entries(action.parameters).flatMap(([key, list]) => {
            const values = ssmValues(list, vars);
            return values.length > 0 || list.length === 0 ? [[key, values]] : [];
          }),
        ),
        ...(action.assumeRole ? { assumeRole: action.assumeRole } : {}),
      };
  }
}

/** The entry's fix as this alert would run it. */
export function alertAutoFix(autoFix: AutoFix, vars: Record<string, unknown>): AlertAutoFix {
  return { title: autoFix.title, mode: autoFix.mode, call: fillFixCall(autoFix.action, vars) };
}
