import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/**
 * Real servers on 127.0.0.1 that alert channels deliver to: an SMTP server (smtp-server, AUTH and
 * STARTTLS with a test certificate) whose messages are parsed with mailparser, and an HTTP
 * receiver that records each request. Each has faults the channel must survive.
 */

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  parsed: ParsedMail;
  raw: string;
}

export interface SmtpFaults {
  /** Reply to DATA with this code and text instead of accepting (e.g. 451 or 554). */
  dataReply?: { code: number; message: string };
  /** Destroy the connection halfway through DATA. */
  resetMidData?: boolean;
  /** Hold the DATA reply this long (a slow server, or long enough to be killed during). */
  holdDataMs?: number;
}

export interface TestSmtp {
  port: number;
  mails: ReceivedMail[];
  faults: SmtpFaults;
  /** DATA commands begun (a client is sending a message body). */
  dataStarted(): number;
  /** Resolves once a DATA command has begun. */
  dataBegun(): Promise<void>;
  /** Resolves when `n` messages have arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtp(
  opts: { cert?: { key: string; cert: string }; user?: string; pass?: string; secure?: boolean } = {},
): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const faults: SmtpFaults = {};
  const waiters: { n: number; resolve: () => void }[] = [];
  let started = 0;
  const dataWaiters: (() => void)[] = [];
  const options: SMTPServerOptions = {
    secure: opts.secure ?? false,
    ...(opts.cert ? { key: opts.cert.key, cert: opts.cert.cert } : {}),
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: opts.user === undefined,
    // Without a certificate there is no STARTTLS to offer (a plain test server).
    disabledCommands: opts.cert ? [] : ['STARTTLS'],
    allowInsecureAuth: !opts.cert,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === opts.user && auth.password === opts.pass) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Authentication failed'), { responseCode: 535 }));
    },
    onData(stream, session, cb) {
      started++;
      for (const w of dataWaiters.splice(0)) w();
      const chunks: Buffer[] = [];
      let seen = 0;
      stream.on('data', (c: Buffer) => {
        chunks.push(c);
        seen += c.length;
        if (faults.resetMidData && seen > 0) {
          // smtp-server does not expose the socket: end the whole connection from the server side.
          for (const s of sockets) s.destroy();
        }
      });
      stream.on('end', () => {
        const finish = async () => {
          if (faults.dataReply)
            return cb(Object.assign(new Error(faults.dataReply.message), { responseCode: faults.dataReply.code }));
          // Like a real MTA, a transaction whose client went away before the final reply is not delivered.
          const alive = [...sockets].some((s) => s.remotePort === session.remotePort && !s.destroyed);
          if (!alive) return cb(new Error('client gone'));
          const raw = Buffer.concat(chunks).toString('utf8');
          const parsed = await simpleParser(raw);
          mails.push({
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            parsed,
            raw,
          });
          for (const w of waiters.splice(0))
            if (mails.length >= w.n) w.resolve();
            else waiters.push(w);
          cb(null, `queued as M${mails.length}`);
        };
        if (faults.holdDataMs) setTimeout(() => void finish(), faults.holdDataMs);
        else void finish();
      });
    },
  };
  const server = new SMTPServer(options);
  const sockets = new Set<Socket>();
  (server as unknown as { server: NetServer }).server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = ((server as unknown as { server: NetServer }).server.address() as AddressInfo).port;
  return {
    port,
    mails,
    faults,
    dataStarted: () => started,
    dataBegun: () => (started > 0 ? Promise.resolve() : new Promise<void>((r) => dataWaiters.push(r))),
    waitFor(n, timeoutMs = 10_000) {
      if (mails.length >= n) return Promise.resolve(mails);
      return new Promise((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`Only ${mails.length} of ${n} mails arrived within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({ n, resolve: () => (clearTimeout(t), resolve(mails)) });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

export interface TestReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Answer with this status (and body); default 200 "ok". */
  reply: { status: number; body: string; delayMs: number; hang: boolean };
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  /** Settles once the next request the server holds without answering (reply.hang) has fully arrived. */
  nextHeld(): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<TestReceiver> {
  const requests: ReceivedRequest[] = [];
  const reply = { status: 200, body: 'ok', delayMs: 0, hang: false };
  const waiters: { n: number; resolve: () => void }[] = [];
  const heldWaiters: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (reply.hang) {
        for (const w of heldWaiters.splice(0)) w();
        return;
      }
      const answer = () => {
        // Recorded once answered: a request the server never acknowledged was not delivered.
        if (reply.status >= 200 && reply.status < 300) {
          requests.push({
            method: req.method ?? '',
            url: req.url ?? '',
            headers: req.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            at: Date.now(),
          });
          for (const w of waiters.splice(0))
            if (requests.length >= w.n) w.resolve();
            else waiters.push(w);
        }
        res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body);
      };
      if (reply.delayMs) setTimeout(answer, reply.delayMs);
      else answer();
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply,
    nextHeld: () => new Promise<void>((resolve) => heldWaiters.push(resolve)),
    waitFor(n, timeoutMs = 10_000) {
      if (requests.length >= n) return Promise.resolve(requests);
      return new Promise((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`Only ${requests.length} of ${n} requests arrived within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({ n, resolve: () => (clearTimeout(t), resolve(requests)) });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Accepts TCP connections and never says a word (an SMTP server that hangs before its greeting). */
export async function startSilent(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createNetServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
