/**
 * The three channels' servers for the alerts-storm bench, in their own process so receiving does
 * not share the measured event loop: a plain SMTP server (smtp-server + mailparser), a webhook and
 * a Slack-style receiver. Prints {"smtp","webhook","chat"} ports; GET /__stats on the webhook port
 * answers every arrival so far ({channel, title, at}).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const arrivals: { channel: string; title: string; at: number }[] = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _s, cb) {
    void simpleParser(stream).then((m) => {
      arrivals.push({ channel: 'email', title: (m.subject ?? '').replace(/^\[Lookout\] /, ''), at: Date.now() });
      cb();
    }, cb);
  },
});

function receiver(channel: string, title: (body: string) => string) {
  return createServer((req, res) => {
    if (req.url === '/__stats')
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(arrivals));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      arrivals.push({ channel, title: title(Buffer.concat(chunks).toString()), at: Date.now() });
      res.writeHead(200).end('ok');
    });
  });
}

const webhook = receiver('webhook', (b) => (JSON.parse(b) as { title: string }).title);
const chat = receiver(
  'chat',
  (b) => (JSON.parse(b) as { blocks: { text: { text: string } }[] }).blocks[0]?.text.text ?? '',
);
const listen = (s: { listen(port: number, host: string, cb: () => void): unknown }) =>
  new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
await listen(smtp);
await listen(webhook);
await listen(chat);
const port = (s: { address(): unknown }) => (s.address() as AddressInfo).port;
process.stdout.write(
  `${JSON.stringify({ smtp: port((smtp as unknown as { server: { address(): unknown } }).server), webhook: port(webhook), chat: port(chat) })}\n`,
);
