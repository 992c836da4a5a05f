/** @module Infrastructure (configuration): what differs between stages, read once when `sst deploy` runs. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ClarionConfig } from '../src/catalog/schema.ts';
import { officeHoursFor } from '../src/pipeline/office-hours.ts';
import type { OfficeHoursPolicy } from '../src/pipeline/office-hours.ts';

/*
 * Slack channels, the time zone, office hours and the last-resort address per stage live in
 * alert-catalog/clarion.config.yaml under `stages.<stage>`, beside the catalog they belong to, so
 * the Lambda reads them from the copy it ships with. The environment of `sst deploy` adds:
 *
 *   CLARION_ALARM_EMAIL       the last-resort address for Clarion's own alarms, over the stage's
 *                             `alarmEmail` (one of the two is required in production)
 *   CLARION_ORGANIZATION_ID   o-…: accept events forwarded by member accounts of this organisation
 *   CLARION_HUB_BUS_ARN       deploy as a member account: only forward events to that hub bus
 */

export const PRODUCTION_STAGES: readonly string[] = ['prod', 'production'];

export interface StageSettings {
  stage: string;
  production: boolean;
  alarmEmail?: string;
  organizationId?: string;
  hubBusArn?: string;
  logRetention: '2 weeks' | '6 months';
  /** Where the processor publishes plain-text notices (audiences with `snsTopicArn`). */
  plainTextTopicArns: string[];
  /** The stage's office hours: the summary of what was held is scheduled for their start. */
  officeHours?: OfficeHoursPolicy;
}

export class DeploySettingsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeploySettingsError';
  }
}

export function readClarionConfig(file = path.resolve('alert-catalog', 'clarion.config.yaml')): ClarionConfig {
  try {
    return ClarionConfig.parse(parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new DeploySettingsError(`could not read ${file}; run \`npx clarion validate\``, { cause: error });
  }
}

/**
 * Audiences without a channel for the stage: in production every audience must name its own
 * channel id, so a deploy can never post production alerts to the channels meant for trying things out.
 */
export function audiencesWithoutStageChannel(config: ClarionConfig, stage: string): string[] {
  const channels = config.stages[stage]?.channels ?? {};
  return Object.keys(config.audiences).filter((audience) => !channels[audience]);
}

export function stageSettings(stage: string, env: Record<string, string | undefined> = process.env, config: ClarionConfig = readClarionConfig()): StageSettings {
  const production = PRODUCTION_STAGES.includes(stage);
  const alarmEmail = env['CLARION_ALARM_EMAIL']?.trim() || config.stages[stage]?.alarmEmail;
  const hubBusArn = env['CLARION_HUB_BUS_ARN']?.trim() || undefined;
  const organizationId = env['CLARION_ORGANIZATION_ID']?.trim() || undefined;
  if (hubBusArn && !/^arn:aws[\w-]*:events:[\w-]+:\d{12}:event-bus\/[\w.\-/]+$/.test(hubBusArn)) {
    throw new DeploySettingsError(`CLARION_HUB_BUS_ARN is not an event bus ARN: ${hubBusArn}`);
  }
  if (organizationId && !/^o-[a-z0-9]{10,32}$/.test(organizationId)) {
    throw new DeploySettingsError(`CLARION_ORGANIZATION_ID is not an organization id (o-…): ${organizationId}`);
  }
  if (production && !hubBusArn) {
    if (!alarmEmail) {
      throw new DeploySettingsError(
        `set CLARION_ALARM_EMAIL or stages.${stage}.alarmEmail in alert-catalog/clarion.config.yaml: in production, Clarion needs a last-resort address for its own alarms`,
      );
    }
    const missing = audiencesWithoutStageChannel(config, stage);
    if (missing.length > 0) {
      throw new DeploySettingsError(`alert-catalog/clarion.config.yaml has no stages.${stage}.channels for: ${missing.join(', ')}`);
    }
  }
  const plainTextTopicArns = [...new Set(Object.values(config.audiences).flatMap((a) => (a.snsTopicArn ? [a.snsTopicArn] : [])))];
  const officeHours = officeHoursFor(config, stage);
  return {
    stage,
    production,
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(organizationId ? { organizationId } : {}),
    ...(hubBusArn ? { hubBusArn } : {}),
    logRetention: production ? '6 months' : '2 weeks',
    plainTextTopicArns,
    ...(officeHours ? { officeHours } : {}),
  };
}

/** This deployment's settings (`$app` exists only inside `sst deploy` and the offline stand-in). */
export const settings: StageSettings = stageSettings($app.stage);
