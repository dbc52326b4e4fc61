import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { newToken } from './auth';

/**
 * Serve mode's access token and port, kept per database in an owner-only file beside it (like
 * `secrets.key`), so a restart answers on the same URL and open tabs reconnect by themselves. A
 * new token is made only when the operator rotates it (Settings), or the file is missing or bad.
 */
export interface ServeIdentity {
  token: string;
  /** The port last served on; 0 when never served. */
  port: number;
}

export function tokenFile(dbPath: string): string {
  return path.join(path.dirname(dbPath), `${path.basename(dbPath).replace(/\.db$/i, '')}.serve-token`);
}

export function readIdentity(file: string): ServeIdentity | undefined {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<ServeIdentity>;
    if (typeof raw.token !== 'string' || !/^[\w-]{32,}$/.test(raw.token)) return undefined;
    const port = Number.isInteger(raw.port) && raw.port! > 0 && raw.port! < 65536 ? raw.port! : 0;
    return { token: raw.token, port };
  } catch {
    return undefined;
  }
}

/** Written to a temporary file and renamed, owner-only: a crash never leaves half a token. */
export function writeIdentity(file: string, id: ServeIdentity): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(id), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/**
 * The identity to serve this database with. Where the file cannot be written (a reviewed file in
 * a read-only folder) the token lives for this run only, and `persisted` says so.
 */
export function loadIdentity(dbPath: string): ServeIdentity & { persisted: boolean } {
  const file = tokenFile(dbPath);
  const found = readIdentity(file);
  if (found) {
    // Tighten a file someone made group- or world-readable.
    try {
      chmodSync(file, 0o600);
    } catch {
      // Not ours to change: still usable.
    }
    return { ...found, persisted: true };
  }
  const fresh = { token: newToken(), port: 0 };
  try {
    writeIdentity(file, fresh);
    return { ...fresh, persisted: true };
  } catch {
    return { ...fresh, persisted: false };
  }
}

export function rememberPort(dbPath: string, id: ServeIdentity, port: number): void {
  if (id.port === port) return;
  try {
    writeIdentity(tokenFile(dbPath), { token: id.token, port });
  } catch {
    // The next start picks a port afresh.
  }
}

/** A new token for this database (the port is kept); the old one stops working at once. */
export function rotateIdentity(dbPath: string, port: number): ServeIdentity {
  const next = { token: newToken(), port };
  writeIdentity(tokenFile(dbPath), next);
  return next;
}
