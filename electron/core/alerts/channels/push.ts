import type { z } from 'zod';
import type { GotifyConfig, NtfyConfig } from '../../../../shared/channels';
import type { AlertMessage } from '../message';
import type { Delivered } from './delivery-error';
import { subjectOf, textOf } from './format';
import { post } from './http';

/** ntfy: POST the text to <server>/<topic> with Title / Priority / Tags headers (https://docs.ntfy.sh/publish/). */
export function sendNtfy(
  cfg: z.output<typeof NtfyConfig>,
  m: AlertMessage,
  zone: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Delivered> {
  const bad = m.kind === 'down' || m.kind === 'still_down' || m.kind === 'storm' || m.kind === 'escalation';
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=utf-8',
    // Header values must be ASCII-safe: RFC 2047 encoding is what ntfy accepts for the rest.
    title: `=?UTF-8?B?${Buffer.from(subjectOf(m)).toString('base64')}?=`,
    priority: bad ? '5' : '3',
    tags: bad ? 'rotating_light' : 'white_check_mark',
  };
  if (cfg.token) headers.authorization = `Bearer ${cfg.token}`;
  return post(`${cfg.server.replace(/\/+$/, '')}/${cfg.topic}`, {
    headers,
    body: textOf(m, zone),
    timeoutMs,
    ...(signal ? { signal } : {}),
  });
}

/** Gotify: POST /message with the application token (https://gotify.net/api-docs). */
export function sendGotify(
  cfg: z.output<typeof GotifyConfig>,
  m: AlertMessage,
  zone: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Delivered> {
  const body = JSON.stringify({ title: subjectOf(m), message: textOf(m, zone), priority: cfg.priority });
  return post(`${cfg.server.replace(/\/+$/, '')}/message`, {
    headers: { 'content-type': 'application/json', 'x-gotify-key': cfg.token },
    body,
    timeoutMs,
    ...(signal ? { signal } : {}),
  });
}
