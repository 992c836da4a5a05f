/** @module Infrastructure (secrets): Slack credentials, set per stage with `npx sst secret set <Name> <value> --stage <stage>`. */

/** The bot token (xoxb-…) for chat.postMessage / chat.update: the processor and the interactions function. */
export const slackBotToken = new sst.Secret('SlackBotToken');

/** The app's signing secret, to verify button presses: the interactions function only. */
export const slackSigningSecret = new sst.Secret('SlackSigningSecret');
