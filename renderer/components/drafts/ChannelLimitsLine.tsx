import type { Channel, ChannelLimits } from '../../../shared/drafts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The channel's limits in one line; over a limit it says so in words, not only in colour. */
export function ChannelLimitsLine({ channel, limits }: { channel: Channel; limits: Partial<ChannelLimits> }) {
  const text = describe(channel, limits);
  if (!text) return null;
  return (
    <p
      className={`draft-limits${text.warn ? ' draft-limits--warn' : ''}`}
      role="status"
      aria-label={`${channel} limits`}
      style={text.warn ? { color: 'var(--down, #b42318)' } : undefined}
    >
      {text.line}
    </p>
  );
}

function describe(channel: Channel, limits: Partial<ChannelLimits>): { line: string; warn: boolean } | undefined {
  switch (channel) {
    case 'email': {
      const l = limits.email;
      if (!l) return undefined;
      const subject = `Subject ${l.subjectLength} / ${l.subjectMax} characters`;
      return {
        line: l.subjectTooLong ? `${subject}: over ${l.subjectMax}, mail clients will cut it` : subject,
        warn: l.subjectTooLong,
      };
    }
    case 'sms': {
      const l = limits.sms;
      if (!l) return undefined;
      const unit = l.encoding === 'GSM-7' ? 'septet' : 'unit';
      const capacity = l.segments <= 1 ? l.perSegment : l.perSegment * l.segments;
      const forced = l.ucs2Chars.length > 0 ? ` · UCS-2 forced by ${l.ucs2Chars.join(' ')}` : '';
      return {
        line: `${l.encoding} · ${plural(l.segments, 'segment')} · ${l.units} / ${capacity} ${unit}s${forced}`,
        warn: l.segments > 1,
      };
    }
    case 'banner': {
      const l = limits.banner;
      if (!l) return undefined;
      const line = `Banner ${l.length} / ${l.max} characters`;
      return { line: l.tooLong ? `${line}: over ${l.max}` : line, warn: l.tooLong };
    }
    case 'chat': {
      const l = limits.chat;
      if (!l) return undefined;
      return { line: `Markdown · ${plural(l.length, 'character')}`, warn: false };
    }
  }
}
