import { DateTime } from 'luxon';
import type * as SmsSegments from 'sms-segments-calculator';
import type { ChannelLimits, DraftContent } from '../../../shared/drafts';
import { lazyRequire } from '../lazy-require';

/**
 * Channel limits and file formats. SMS counting is sms-segments-calculator's (checked in
 * drafts-channels.test.ts: GSM-7 extension characters such as € and [ take two septets, an emoji
 * takes two UCS-2 units, 160/153 and 70/67 per segment).
 */

export const SUBJECT_MAX = 78;
export const BANNER_MAX = 140;

/** Characters, not UTF-16 units: an emoji in a subject counts once. */
function length(text: string): number {
  return [...text].length;
}

/** Loaded with the first SMS draft, not at start. */
const smsSegments = lazyRequire<typeof SmsSegments>('sms-segments-calculator');

export function smsLimits(text: string): ChannelLimits['sms'] {
  if (text === '') return { encoding: 'GSM-7', segments: 0, units: 0, perSegment: 160, ucs2Chars: [] };
  const m = new (smsSegments().SegmentedMessage)(text);
  const gsm = m.encodingName === 'GSM-7';
  const segments = m.segmentsCount;
  const single = gsm ? 160 : 70;
  return {
    encoding: m.encodingName,
    segments,
    // UCS-2 counts UTF-16 units (an emoji takes two); GSM-7 counts septets (€ and [ take two).
    units: gsm ? m.numberOfCharacters : text.length,
    perSegment: segments > 1 ? single - (gsm ? 7 : 3) : single,
    ucs2Chars: [...new Set(m.getNonGsmCharacters())],
  };
}

export function limitsOf(content: Partial<DraftContent>): ChannelLimits {
  const subject = content.subject ?? '';
  const banner = content.banner ?? '';
  return {
    email: {
      subjectLength: length(subject),
      subjectMax: SUBJECT_MAX,
      subjectTooLong: length(subject) > SUBJECT_MAX,
      bodyLength: length(content.body ?? ''),
    },
    sms: smsLimits(content.sms ?? ''),
    banner: { length: length(banner), max: BANNER_MAX, tooLong: length(banner) > BANNER_MAX },
    chat: { length: length(content.chat ?? '') },
  };
}

// — .eml (RFC 5322 + RFC 2047 + RFC 2045) —

/** RFC 2047 B-encoded words (≤ 39 bytes each: with "Subject: " a folded line stays under 78), split between characters. */
function encodedWords(text: string): string[] {
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (chunk && Buffer.byteLength(chunk + ch) > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`);
}

/** A header value: plain ASCII as is, anything else as encoded words, folded on whitespace. */
export function headerValue(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();

  if (/^[\x20-\x7e]*$/.test(oneLine) && !/=\?/.test(oneLine)) return oneLine;
  return encodedWords(oneLine).join('\r\n ');
}

/** Quoted-printable (RFC 2045 §6.7) with CRLF line ends and soft breaks keeping lines ≤ 76. */
export function quotedPrintable(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return lines
    .map((line) => {
      const bytes = Buffer.from(line, 'utf8');
      const tokens: string[] = [];
      bytes.forEach((b, i) => {
        const last = i === bytes.length - 1;
        const plain = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
        tokens.push(plain ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`);
      });
      const out: string[] = [];
      let current = '';
      for (const t of tokens) {
        if (current.length + t.length > 75) {
          out.push(current + '=');
          current = '';
        }
        current += t;
      }
      out.push(current);
      return out.join('\r\n');
    })
    .join('\r\n');
}

export interface EmlOptions {
  subject: string;
  body: string;
  fromName: string;
  fromEmail: string;
  date: number;
}

export function toEml(o: EmlOptions): string {
  // A draft has no real sender until the operator sends it; .invalid is reserved (RFC 2606).
  const address = o.fromEmail.trim() || 'notices@lookout.invalid';
  const name = o.fromName.trim();
  const from = name ? `${/^[A-Za-z0-9 ]*$/.test(name) ? `"${name}"` : headerValue(name)} <${address}>` : `<${address}>`;
  const headers = [
    `From: ${from}`,
    `Date: ${DateTime.fromMillis(o.date, { zone: 'UTC' }).toRFC2822()}`,
    `Subject: ${headerValue(o.subject)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: quoted-printable',
    // Mail clients (Outlook, Thunderbird) open the file as an unsent draft to address and send.
    'X-Unsent: 1',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${quotedPrintable(o.body)}\r\n`;
}
