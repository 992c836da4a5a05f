/** @module Infrastructure (member account): forwards this account's actionable events to the hub's Clarion bus. */
import { catalogEntries } from './catalog.ts';
import { awsEventRules, genericEventRules } from './event-patterns.ts';
import { serviceRole } from './service-role.ts';
import { settings } from './settings.ts';

/*
 * Deployed into each member account of the organization with
 *   CLARION_HUB_BUS_ARN=<ClarionBus ARN output of the hub> npx sst deploy --stage member
 * It creates nothing but rules on this account's default bus — the same patterns the hub uses —
 * each sending to the hub's bus through a role allowed to put events on that one bus. The hub's
 * bus policy (infra/bus.ts, CLARION_ORGANIZATION_ID) accepts events from the organization's accounts.
 */
const hubBusArn = settings.hubBusArn;
if (!hubBusArn) throw new Error('infra/member-forwarding.ts is only for member accounts (set CLARION_HUB_BUS_ARN)');

const role = serviceRole('ForwardToHub', {
  service: 'events.amazonaws.com',
  description: 'Lets EventBridge put this account’s Clarion events on the hub Clarion bus',
  statements: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: hubBusArn }],
});

const catalogRules = genericEventRules(catalogEntries);

export const forwardingRules = [...awsEventRules(), ...catalogRules].map((spec) => {
  const rule = new aws.cloudwatch.EventRule(`Forward${spec.name}Rule`, {
    eventBusName: 'default',
    description: `Clarion (to hub): ${spec.description}`,
    eventPattern: JSON.stringify(spec.pattern),
  });
  new aws.cloudwatch.EventTarget(`Forward${spec.name}Target`, { rule: rule.name, eventBusName: 'default', arn: hubBusArn, roleArn: role.arn });
  return rule;
});
