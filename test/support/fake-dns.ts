// A DNS server on 127.0.0.1 (UDP) answering MX and TXT questions from a zone; unknown names get NXDOMAIN.
// The enrichment agent reaches it through AGENT_DNS_SERVER.
import dgram from 'node:dgram';

export interface DnsZone {
  [name: string]: { MX?: Array<[preference: number, exchange: string]>; TXT?: string[] };
}

export interface FakeDns {
  address: string;
  queries: Array<{ name: string; type: string }>;
  close(): Promise<void>;
}

const TYPES: Record<number, string> = { 1: 'A', 15: 'MX', 16: 'TXT', 28: 'AAAA' };

function encodeName(name: string): Buffer {
  const parts = name.replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([...parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p, 'ascii')])), Buffer.from([0])]);
}

function readQuestion(msg: Buffer): { name: string; type: number; end: number } {
  const labels: string[] = [];
  let i = 12;
  while (msg[i] !== 0) {
    const len = msg[i]!;
    labels.push(msg.subarray(i + 1, i + 1 + len).toString('ascii'));
    i += len + 1;
  }
  return { name: labels.join('.').toLowerCase(), type: msg.readUInt16BE(i + 1), end: i + 5 };
}

function record(type: number, rdata: Buffer): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt16BE(0xc00c, 0); // pointer to the question's name
  head.writeUInt16BE(type, 2);
  head.writeUInt16BE(1, 4); // IN
  head.writeUInt32BE(300, 6);
  head.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([head, rdata]);
}

export async function startFakeDns(zone: DnsZone): Promise<FakeDns> {
  const names = new Map(Object.entries(zone).map(([k, v]) => [k.toLowerCase(), v]));
  const socket = dgram.createSocket('udp4');
  const queries: FakeDns['queries'] = [];
  socket.on('message', (msg, peer) => {
    if (msg.length < 17) return;
    const q = readQuestion(msg);
    queries.push({ name: q.name, type: TYPES[q.type] ?? String(q.type) });
    const entry = names.get(q.name);
    const exists = entry !== undefined || [...names.keys()].some((n) => n.endsWith(`.${q.name}`));
    const answers: Buffer[] = [];
    if (entry && q.type === 15) {
      for (const [pref, exchange] of entry.MX ?? []) answers.push(record(15, Buffer.concat([Buffer.from([pref >> 8, pref & 0xff]), encodeName(exchange)])));
    } else if (entry && q.type === 16) {
      for (const text of entry.TXT ?? []) answers.push(record(16, Buffer.concat([Buffer.from([Buffer.byteLength(text)]), Buffer.from(text)])));
    }
    const header = Buffer.alloc(12);
    msg.copy(header, 0, 0, 2); // id
    header.writeUInt16BE(0x8400 | (msg.readUInt16BE(2) & 0x0100) | (exists ? 0 : 3), 2); // response, authoritative, RD echoed, rcode
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    socket.send(Buffer.concat([header, msg.subarray(12, q.end), ...answers]), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  return { address: `127.0.0.1:${port}`, queries, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}
