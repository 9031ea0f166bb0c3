// Company websites on 127.0.0.1: one HTTP server answering per Host header, as many real sites would.
// The enrichment agent reaches them through AGENT_CONNECT_TO (`name:80:127.0.0.1:port`); https goes to a
// closed port, so the agent falls back to http as it does for a site without TLS.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixturePage {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

export interface FixtureWebsites {
  port: number;
  /** host -> requested paths, in order */
  hits: Map<string, string[]>;
  /** AGENT_CONNECT_TO for the given hosts. */
  connectTo(hosts: string[]): string;
  close(): Promise<void>;
}

export async function startFixtureWebsites(sites: Record<string, Record<string, FixturePage>>): Promise<FixtureWebsites> {
  const hits = new Map<string, string[]>();
  const server = http.createServer((req, res) => {
    const host = (req.headers.host ?? '').split(':')[0]!.toLowerCase();
    const path = req.url ?? '/';
    hits.set(host, [...(hits.get(host) ?? []), path]);
    const page = sites[host]?.[path] ?? (path === '/robots.txt' ? { body: 'User-agent: *\nAllow: /\n', headers: { 'content-type': 'text/plain' } } : undefined);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(page.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...page.headers }).end(page.body);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    hits,
    connectTo: (hosts) => hosts.flatMap((h) => [`${h}:80:127.0.0.1:${port}`, `${h}:443:127.0.0.1:1`]).join(','),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
