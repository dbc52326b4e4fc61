import { z } from 'zod';

/** Absolute http(s) URL with a host: the only targets a web probe may start from. */
export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

export const HTTP_URL_MESSAGE = 'Must be an http:// or https:// URL';

/** A URL field; `empty` is what the form says when nothing was typed. */
export function httpUrl(empty: string) {
  return z.string().trim().min(1, empty).max(2048).refine(isHttpUrl, HTTP_URL_MESSAGE);
}
