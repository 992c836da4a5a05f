/** @module Pipeline (telling): news a non-technical audience must not miss, posted as a reply broadcast under its message — or on its own when that message is gone. */
import type { RenderedMessage } from '../core/alert.ts';
import { DeliveryError } from '../core/delivery-error.ts';
import type { MessageRef, SlackPort } from '../core/ports.ts';

/**
 * A reply broadcast under the audience's message, so the news sits with the alert and still shows
 * in the channel; when that message is gone (deleted in Slack), a message of its own in the
 * audience's channel, so one deleted message keeps nobody from the news. Used for "fixed", "broken
 * again" (`tell-change.ts`) and engineers' updates alike.
 */
export async function postBroadcastNotice(slack: SlackPort, parent: MessageRef, channel: string, message: RenderedMessage): Promise<MessageRef> {
  try {
    return await slack.post({ channel: parent.channel, threadTs: parent.ts, broadcast: true, message });
  } catch (error) {
    if (!(error instanceof DeliveryError && (error.code === 'thread_not_found' || error.code === 'message_not_found'))) throw error;
    return slack.post({ channel, message });
  }
}
