// `npm run bench -- enrichment-agent`: the real enrichment agent (Python, child process, default limits:
// 500 ms politeness per host, 2 requests per host, 20 enrichments at once) enriching 500 leads spread over
// 100 company websites and their DNS records, all served on 127.0.0.1. 20 leads in flight at a time.
// Prints leads per second, latency per lead (p50, p95, max) and the cache hit rate.
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { startFakeDns, type DnsZone } from '../test/support/fake-dns.ts';
import { startFixtureWebsites, type FixturePage } from '../test/support/fixture-websites.ts';
import { startRealEnrichmentAgent } from '../test/support/real-enrichment-agent.ts';

const LEADS = Number(process.env.BENCH_AGENT_LEADS ?? 500);
const DOMAINS = Number(process.env.BENCH_AGENT_DOMAINS ?? 100);
const CONCURRENCY = Number(process.env.BENCH_AGENT_CONCURRENCY ?? 20);

const SCRIPTS = [
  'https://js.hs-scripts.com/1.js',
  'https://cdn.segment.com/a.js',
  'https://widget.intercom.io/widget/x',
  'https://static.hotjar.com/c/hotjar-1.js',
  'https://js.stripe.com/v3/',
  'https://cdn.shopify.com/s/a.js',
  'https://munchkin.marketo.net/munchkin.js',
  'https://js.driftt.com/include/1/x.js',
];

function homepage(i: number): string {
  const scripts = SCRIPTS.filter((_, k) => (i >> k) & 1 || k === i % SCRIPTS.length)
    .map((s) => `<script src="${s}"></script>`)
    .join('');
  const org = {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name: `Bench Company ${i}`,
    numberOfEmployees: 10 + i,
    address: { '@type': 'PostalAddress', addressLocality: 'Leeds', addressCountry: 'GB' },
  };
  const text = `<p>${'We make industrial software for mid-sized manufacturers. '.repeat(300)}</p>`;
  return `<!doctype html><html><head><title>Bench Company ${i}</title>${scripts}<script type="application/ld+json">${JSON.stringify(org)}</script></head><body>${text}</body></html>`;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const domains = Array.from({ length: DOMAINS }, (_, i) => `bench-${String(i).padStart(3, '0')}.test`);
const sites: Record<string, Record<string, FixturePage>> = {};
const zone: DnsZone = {};
domains.forEach((d, i) => {
  sites[d] = { '/': { body: homepage(i), headers: { server: i % 2 ? 'cloudflare' : 'nginx' } } };
  zone[d] = { MX: [[1, i % 3 ? 'aspmx.l.google.com' : 'bench.mail.protection.outlook.com']], TXT: ['v=spf1 include:_spf.google.com ~all'] };
  zone[`_dmarc.${d}`] = { TXT: ['v=DMARC1; p=none'] };
});

const web = await startFixtureWebsites(sites);
const dns = await startFakeDns(zone);
const agent = await startRealEnrichmentAgent({ AGENT_CONNECT_TO: web.connectTo(domains), AGENT_DNS_SERVER: dns.address });

// Lead i belongs to domain (i * 37) % DOMAINS: a domain's leads are spread through the run, so some arrive
// while its first lookup is still running (shared) and most after it finished (cache hit).
const leads = Array.from({ length: LEADS }, (_, i) => ({ email: `person${i}@${domains[(i * 37) % DOMAINS]}` }));
const latencies: number[] = [];
const cache: Record<string, number> = {};
const statuses: Record<number, number> = {};
let next = 0;

async function worker(): Promise<void> {
  while (next < leads.length) {
    const lead = leads[next++]!;
    const t0 = performance.now();
    const res = await fetch(`${agent.url}/v1/enrich`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${lead.email}`, 'x-request-id': `bench-${lead.email}` },
      body: JSON.stringify({ lead }),
      signal: AbortSignal.timeout(30_000),
    });
    await res.text();
    latencies.push(performance.now() - t0);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    const state = res.headers.get('x-agent-cache') ?? 'none';
    cache[state] = (cache[state] ?? 0) + 1;
  }
}

try {
  const load0 = os.loadavg()[0]!;
  const cpu0 = cpuSeconds(agent.pid);
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  const agentCpu = cpuSeconds(agent.pid) - cpu0;
  latencies.sort((a, b) => a - b);
  const hits = (cache.hit ?? 0) + (cache.shared ?? 0);
  const pageReads = [...web.hits.values()].reduce((n, paths) => n + paths.filter((p) => p === '/').length, 0);
  console.log(`enrichment agent: ${LEADS} leads over ${DOMAINS} domains, concurrency ${CONCURRENCY}, default limits (politeness 500 ms/host)`);
  console.log(`  statuses        ${JSON.stringify(statuses)}`);
  console.log(`  throughput      ${(LEADS / seconds).toFixed(1)} leads/s (${seconds.toFixed(2)} s)`);
  console.log(
    `  latency/lead    p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`,
  );
  console.log(
    `  cache           hit rate ${((hits / LEADS) * 100).toFixed(1)}% (hit ${cache.hit ?? 0}, joined a running lookup ${cache.shared ?? 0}, miss ${cache.miss ?? 0})`,
  );
  console.log(`  agent CPU       ${agentCpu.toFixed(2)} s (${((agentCpu / LEADS) * 1000).toFixed(1)} ms per lead)`);
  console.log(`  homepages read  ${pageReads} (one per domain expected)`);
  console.log(`  load average    ${load0.toFixed(2)} before, ${os.loadavg()[0]!.toFixed(2)} after (${os.cpus().length} cores)`);
  if ((statuses[200] ?? 0) !== LEADS) process.exitCode = 1;
} finally {
  await agent.close();
  await web.close();
  await dns.close();
}
