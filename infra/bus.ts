/** @module Infrastructure (events): the Clarion bus — apps' own `Clarion Alert` events in, lifecycle events out, member accounts' events in. */
import { settings } from './settings.ts';

export const clarionBus = new sst.aws.Bus('ClarionBus');

/*
 * One Clarion for a whole AWS Organization: member accounts forward their events here (see
 * infra/member-forwarding.ts), and this resource policy lets any account of the organization —
 * and only those — put events on the bus. Their events are then routed by the same rules as the
 * hub account's own (infra/ingest.ts).
 */
if (settings.organizationId) {
  new aws.cloudwatch.EventBusPolicy('ClarionBusOrganizationPolicy', {
    eventBusName: clarionBus.name,
    policy: $jsonStringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'OrganizationMembersPutEvents',
          Effect: 'Allow',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource: clarionBus.arn,
          Condition: { StringEquals: { 'aws:PrincipalOrgID': settings.organizationId } },
        },
      ],
    }),
  });
}
