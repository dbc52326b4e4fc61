import type { AlertMessage } from '../message';
import { severityColor, subjectOf, textOf } from './format';

/**
 * Incoming-webhook bodies of each chat service, in each one's documented format:
 * Slack `{text, blocks}` (mrkdwn), Microsoft Teams a MessageCard, Discord `{content, embeds}`
 * (content ≤ 2,000, embed description ≤ 4,096), Mattermost `{text, username}` (Markdown).
 */
export type ChatKind = 'slack' | 'teams' | 'discord' | 'mattermost';

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
/** Slack mrkdwn needs &, < and > escaped. */
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function chatBody(kind: ChatKind, m: AlertMessage, zone: string): object {
  const title = m.notice ? m.notice.subject : m.title;
  const text = m.notice ? m.notice.text : textOf(m, zone).split('\n').slice(1).join('\n');
  const hex = severityColor(m).toString(16).padStart(6, '0');
  switch (kind) {
    case 'slack':
      return {
        text: slackEscape(cut(`${title}\n${text}`, 3000)),
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: cut(title, 150) } },
          { type: 'section', text: { type: 'mrkdwn', text: slackEscape(cut(text || title, 3000)) } },
        ],
      };
    case 'teams':
      return {
        '@type': 'MessageCard',
        '@context': 'https://schema.org/extensions',
        summary: cut(subjectOf(m), 150),
        themeColor: hex,
        title: cut(title, 200),
        text: cut(text, 20_000).replace(/\n/g, '\n\n'),
      };
    case 'discord':
      return {
        content: cut(title, 2000),
        embeds: [{ title: cut(title, 256), description: cut(text, 4096), color: severityColor(m) }],
        allowed_mentions: { parse: [] },
      };
    case 'mattermost':
      return { username: 'Lookout', text: cut(`#### ${title}\n${text}`, 16_383) };
  }
}
