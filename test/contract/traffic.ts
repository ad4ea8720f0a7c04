import { existsSync, readFileSync } from 'node:fs';
import type { Exchange } from '../../sandbox/traffic.ts';
import { TRAFFIC_FILE } from '../e2e/sandbox.ts';

/** What the extension and the sandbox said to each other at one host during the end-to-end run. */
export function recordedTraffic(host: string): Exchange[] {
  if (!existsSync(TRAFFIC_FILE)) return [];
  return readFileSync(TRAFFIC_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Exchange)
    .filter((e) => e.host === host);
}

const label = (e: Exchange) => `${e.method} ${e.path}${e.query ? `?${e.query}` : ''} -> ${e.status}`;

/** Every problem a contract check finds in the traffic, each named by the exchange it was found in. */
export function problemsIn(traffic: Exchange[], check: (e: Exchange) => string[]): string[] {
  return traffic.flatMap((e) => check(e).map((p) => `${label(e)}: ${p}`));
}
