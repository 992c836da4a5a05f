/** @module Infrastructure (secrets): Slack credentials, set per stage with `npx sst secret set <Name> <value> --stage <stage>`. */

/** The bot token (xoxb-…) for chat.postMessage / chat.update: the processor and the interactions function. */
export const slackBotToken = new sst.Secret('SlackBotToken');

/** The app's signing secret, to verify button presses: the interactions function only. */
export const slackSigningSecret = new sst.Secret('SlackSigningSecret');

/**
 * The PagerDuty integration's routing key, for escalation steps that page: the processor only.
 * Optional: its placeholder (`unset`) means "no PagerDuty", so a stage that does not page deploys without it.
 */
export const PAGERDUTY_KEY_UNSET = 'unset';
export const pagerDutyRoutingKey = new sst.Secret('PagerDutyRoutingKey', PAGERDUTY_KEY_UNSET);
