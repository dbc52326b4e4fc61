import dgram from 'node:dgram';
import * as dnsPacket from 'dns-packet';

/**
 * A tiny authoritative DNS responder on 127.0.0.1 (UDP) for probe tests. Each name maps to its
 * records, or to a failure mode: `servfail`, `refused`, or `silent` (reads the query, never answers).
 * A name that is not in the zone gets NXDOMAIN; a name without the asked type gets NOERROR, no answers.
 */
export type DnsEntry =
  | {
      A?: string[];
      AAAA?: string[];
      CNAME?: string;
      MX?: { preference: number; exchange: string }[];
      TXT?: string[][];
      ttl?: number;
      /** Answer this long after the query arrives (a slow resolver). */
      delayMs?: number;
    }
  | 'servfail'
  | 'refused'
  | 'silent';

export interface TestDnsServer {
  /** `127.0.0.1:PORT`, as a monitor's `server` field takes it. */
  address: string;
  /** Edit freely between probes; keys are lower-case names without the root dot. */
  zone: Map<string, DnsEntry>;
  /** Queries received so far (answered or not). */
  readonly queries: number;
  close(): Promise<void>;
}

const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;

export async function startDnsServer(zone: Record<string, DnsEntry>): Promise<TestDnsServer> {
  const entries = new Map(Object.entries(zone).map(([k, v]) => [key(k), v]));
  const socket = dgram.createSocket('udp4');
  let queries = 0;
  socket.on('message', (msg, rinfo) => {
    queries++;
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    const entry = entries.get(key(question.name));
    if (entry === 'silent') return;
    let rcode: number = RCODE.NOERROR;
    const answers: dnsPacket.Answer[] = [];
    if (entry === undefined) rcode = RCODE.NXDOMAIN;
    else if (entry === 'servfail') rcode = RCODE.SERVFAIL;
    else if (entry === 'refused') rcode = RCODE.REFUSED;
    else answers.push(...answersFor(question.name, question.type, entry));
    const reply = dnsPacket.encode({
      type: 'response',
      id: query.id ?? 0,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | rcode,
      questions: [question],
      answers,
    });
    const delay = typeof entry === 'object' ? (entry.delayMs ?? 0) : 0;
    const send = () => socket.send(reply, rinfo.port, rinfo.address);
    if (delay > 0) setTimeout(send, delay).unref();
    else send();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  const { port } = socket.address();
  return {
    address: `127.0.0.1:${port}`,
    zone: entries,
    get queries() {
      return queries;
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function key(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function answersFor(name: string, type: string, e: Exclude<DnsEntry, string>): dnsPacket.Answer[] {
  const ttl = e.ttl ?? 300;
  switch (type) {
    case 'A':
      return (e.A ?? []).map((data) => ({ type: 'A', name, ttl, data }));
    case 'AAAA':
      return (e.AAAA ?? []).map((data) => ({ type: 'AAAA', name, ttl, data }));
    case 'CNAME':
      return e.CNAME ? [{ type: 'CNAME', name, ttl, data: e.CNAME }] : [];
    case 'MX':
      return (e.MX ?? []).map((data) => ({ type: 'MX', name, ttl, data }));
    case 'TXT':
      return (e.TXT ?? []).map((parts) => ({ type: 'TXT', name, ttl, data: parts }));
    default:
      return [];
  }
}
