import { describe, expect, it } from 'vitest';
import { headerValue, limitsOf, quotedPrintable, smsLimits, toEml } from '../../electron/core/drafts/channels';

describe('SMS encoding and segments', () => {
  it('plain GSM-7: 160 characters fit one segment, 161 need two (153 each)', () => {
    expect(smsLimits('a'.repeat(160))).toMatchObject({
      encoding: 'GSM-7',
      segments: 1,
      units: 160,
      perSegment: 160,
      ucs2Chars: [],
    });
    expect(smsLimits('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', segments: 2, units: 161, perSegment: 153 });
    expect(smsLimits('a'.repeat(306)).segments).toBe(2);
    expect(smsLimits('a'.repeat(307)).segments).toBe(3);
  });

  it('counts the extension characters € and [ as two septets without leaving GSM-7', () => {
    expect(smsLimits('a'.repeat(158) + '€')).toMatchObject({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(smsLimits('a'.repeat(159) + '€')).toMatchObject({ encoding: 'GSM-7', segments: 2, units: 161 });
    expect(smsLimits('Price [EUR] €5')).toMatchObject({ encoding: 'GSM-7', units: 17 });
  });

  it('an emoji forces UCS-2, is named, and takes two of the 70 units', () => {
    const s = smsLimits('Maintenance tonight 🔧');
    expect(s.encoding).toBe('UCS-2');
    expect(s.ucs2Chars).toEqual(['🔧']);
    expect(smsLimits('a'.repeat(68) + '😀')).toMatchObject({ segments: 1, units: 70, perSegment: 70 });
    expect(smsLimits('a'.repeat(69) + '😀')).toMatchObject({ segments: 2, units: 71, perSegment: 67 });
  });

  it('UCS-2: 70 characters fit one segment, 71 need two (67 each)', () => {
    expect(smsLimits('ж'.repeat(70))).toMatchObject({
      encoding: 'UCS-2',
      segments: 1,
      perSegment: 70,
      ucs2Chars: ['ж'],
    });
    expect(smsLimits('ж'.repeat(71))).toMatchObject({ encoding: 'UCS-2', segments: 2, perSegment: 67 });
    expect(smsLimits('ж'.repeat(134)).segments).toBe(2);
    expect(smsLimits('ж'.repeat(135)).segments).toBe(3);
  });

  it('lists the curly quote that sneaks in from a word processor as the UCS-2 culprit', () => {
    expect(smsLimits('We’re back').ucs2Chars).toEqual(['’']);
    expect(smsLimits('').segments).toBe(0);
  });
});

describe('subject and banner limits', () => {
  it('warns over 78 subject characters and 140 banner characters', () => {
    expect(limitsOf({ subject: 'x'.repeat(78) }).email.subjectTooLong).toBe(false);
    expect(limitsOf({ subject: 'x'.repeat(79) }).email).toMatchObject({ subjectLength: 79, subjectTooLong: true });
    expect(limitsOf({ banner: 'x'.repeat(141) }).banner).toMatchObject({ length: 141, max: 140, tooLong: true });
  });
});

function decodeWords(v: string): string {
  return v
    .replace(/\r\n /g, '')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
}

function decodeQp(body: string): string {
  const bytes = body.replace(/=\r\n/g, '').replace(/\r\n/g, '\n');
  return Buffer.from(
    bytes.replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');
}

describe('.eml', () => {
  const subject =
    'Maintenance: Zürich → São Paulo link on Saturday 02:00–04:00 SAST, with a long enough subject to fold';
  const body = `Hello,\n\nThe platform will undergo scheduled maintenance on Sunday — 5 July.\n${'Long line '.repeat(20)}\nPrice = 5 €.\n`;
  const eml = toEml({
    subject,
    body,
    fromName: 'Platform operations',
    fromEmail: 'ops@example.com',
    date: Date.UTC(2026, 6, 4, 12),
  });
  const [head, ...rest] = eml.split('\r\n\r\n');
  const content = rest.join('\r\n\r\n');

  it('has RFC 5322 headers with CRLF, an encoded-word subject that decodes back, and MIME headers', () => {
    const lines = head!.split('\r\n');
    expect(lines).toContain('From: "Platform operations" <ops@example.com>');
    expect(lines).toContain('Date: Sat, 04 Jul 2026 12:00:00 +0000');
    expect(lines).toContain('MIME-Version: 1.0');
    expect(lines).toContain('Content-Type: text/plain; charset=UTF-8');
    expect(lines).toContain('Content-Transfer-Encoding: quoted-printable');
    for (const line of eml.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(eml).not.toMatch(/[^\r]\n/);
    // 7-bit clean: every character ASCII.
    expect(eml).toMatch(/^\p{ASCII}*$/u);
    const subjectHeader = head!.slice(head!.indexOf('Subject: ') + 9).split(/\r\n(?! )/)[0]!;
    expect(decodeWords(subjectHeader)).toBe(subject);
  });

  it('has a quoted-printable body that decodes to the text', () => {
    expect(decodeQp(content).trimEnd()).toBe(body.trimEnd());
    expect(quotedPrintable('a = b')).toBe('a =3D b');
    expect(quotedPrintable('ends with space ')).toBe('ends with space=20');
  });

  it('leaves a plain ASCII subject readable', () => {
    expect(headerValue('Scheduled maintenance')).toBe('Scheduled maintenance');
  });
});
