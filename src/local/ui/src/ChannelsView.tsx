/** @module Preview page: the emulated workspace — one column per channel, messages and their threads, as they change. */
import type { ChannelView, EmulatedMessage } from './api.ts';
import { SlackMessage, slackTime } from './SlackMessage.tsx';
import type { PressRequest } from './SlackMessage.tsx';

export type ChannelPress = PressRequest & { channel: string; ts: string };

function timeLabel(ts: string): string {
  return slackTime(ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function MessageItem({ channel, message, onPress }: { channel: ChannelView; message: EmulatedMessage; onPress: (press: ChannelPress) => void }) {
  const press = (ts: string) => (p: PressRequest) => onPress({ ...p, channel: channel.id, ts });
  return (
    <li className="message-item" data-ts={message.ts}>
      <SlackMessage blocks={message.blocks.length > 0 ? message.blocks : [{ type: 'section', text: { type: 'mrkdwn', text: message.text } }]} ts={message.ts} onPress={press(message.ts)} label={`Message at ${timeLabel(message.ts)}: ${message.text}`} />
      {message.edited ? <p className="edited">edited {message.updates} time{message.updates === 1 ? '' : 's'}</p> : null}
      {message.replies.length > 0 ? (
        <details className="thread" open>
          <summary>
            {message.replies.length} {message.replies.length === 1 ? 'reply' : 'replies'}
          </summary>
          <ol className="replies" aria-label="Thread replies">
            {message.replies.map((reply) => (
              <li key={reply.ts} className="reply-item">
                <SlackMessage blocks={reply.blocks.length > 0 ? reply.blocks : [{ type: 'section', text: { type: 'mrkdwn', text: reply.text } }]} ts={reply.ts} onPress={press(reply.ts)} label={`Reply at ${timeLabel(reply.ts)}`} />
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </li>
  );
}

export function ChannelsView({ channels, delivery, onPress }: { channels: ChannelView[]; delivery: 'emulator' | 'slack'; onPress: (press: ChannelPress) => void }) {
  if (delivery === 'slack') {
    return <p className="notice">Messages go to real Slack (SLACK_BOT_TOKEN is set); open your workspace to see them. The catalog preview still works here.</p>;
  }
  return (
    <div className="channels">
      {channels.map((channel) => (
        <section key={channel.id} className="channel" aria-labelledby={`channel-${channel.id}`} data-channel={channel.name}>
          <header className="channel-header">
            <h2 id={`channel-${channel.id}`}>#{channel.name}</h2>
            <p className="audience">
              {channel.audiences.length > 0
                ? channel.audiences.map((a) => `${a.name}${a.description ? ` — ${a.description}` : ''}`).join('; ')
                : 'not an audience channel'}
            </p>
          </header>
          {(channel.ephemerals ?? []).length > 0 && (
            <ul className="ephemerals" aria-label={`Only visible to the one who pressed, in #${channel.name}`}>
              {(channel.ephemerals ?? []).slice(-3).reverse().map((note) => (
                <li key={note.message_ts} className="ephemeral" data-ephemeral>
                  <span className="ephemeral-label">Only visible to you</span> {note.text}
                </li>
              ))}
            </ul>
          )}
          {channel.messages.length === 0 ? (
            <p className="empty">No messages yet.</p>
          ) : (
            <ol className="messages" aria-label={`Messages in #${channel.name}, newest first`}>
              {[...channel.messages].reverse().map((message) => (
                <MessageItem key={message.ts} channel={channel} message={message} onPress={onPress} />
              ))}
            </ol>
          )}
        </section>
      ))}
    </div>
  );
}
