import type { ReactNode } from 'react';
import type { Channel, ChannelLimits, TemplateParts } from '../../../shared/drafts';
import { ChannelLimitsLine } from './ChannelLimitsLine';

export const CHANNEL_LABELS: Record<Channel, string> = { email: 'Email', sms: 'SMS', banner: 'Banner', chat: 'Chat' };

/** The text a channel will carry, as the operator will copy it. */
export function channelText(channel: Channel, parts: Partial<TemplateParts>): string {
  switch (channel) {
    case 'email':
      return `Subject: ${parts.subject ?? ''}\n\n${parts.body ?? ''}`;
    default:
      return parts[channel] ?? '';
  }
}

/** Wraps each character that forces UCS-2 in <mark> so the operator sees which one to replace. */
function highlight(text: string, chars: readonly string[]): ReactNode[] {
  if (chars.length === 0) return [text];
  const set = new Set(chars);
  const out: ReactNode[] = [];
  let plain = '';
  let i = 0;
  for (const ch of text) {
    if (set.has(ch)) {
      if (plain) out.push(plain);
      plain = '';
      out.push(
        <mark key={i} title="Forces UCS-2 (70 characters per SMS instead of 160)">
          {ch}
        </mark>,
      );
    } else plain += ch;
    i++;
  }
  if (plain) out.push(plain);
  return out;
}

export function ChannelPreview({
  channel,
  rendered,
  limits,
}: {
  channel: Channel;
  rendered: Partial<TemplateParts>;
  limits: Partial<ChannelLimits>;
}) {
  const pre = { whiteSpace: 'pre-wrap' as const, margin: 0, fontFamily: 'inherit' };
  return (
    <div className="draft-preview" aria-label={`${CHANNEL_LABELS[channel]} preview`} role="region">
      <ChannelLimitsLine channel={channel} limits={limits} />
      {channel === 'email' && (
        <>
          <p>
            <strong>Subject:</strong> <span data-part="subject">{rendered.subject ?? ''}</span>
          </p>
          <pre style={pre} data-part="body">
            {rendered.body ?? ''}
          </pre>
        </>
      )}
      {channel === 'sms' && (
        <pre style={pre} data-part="sms">
          {highlight(rendered.sms ?? '', limits.sms?.ucs2Chars ?? [])}
        </pre>
      )}
      {channel === 'banner' && (
        <p className="banner" data-part="banner">
          {rendered.banner ?? ''}
        </p>
      )}
      {channel === 'chat' && (
        <pre style={pre} data-part="chat">
          {rendered.chat ?? ''}
        </pre>
      )}
    </div>
  );
}
