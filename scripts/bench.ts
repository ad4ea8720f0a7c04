import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startSandbox } from '../sandbox/server.ts';
import { sandboxRequest } from '../test/support/https.ts';
import { mintToken } from '../test/support/node-sandbox.ts';

/** `npm run bench`: bundle sizes of the production build and the sandbox's invitation round trip, as a table. */
const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const rows: [string, string][] = [];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

const js = files(dist).filter((f) => f.endsWith('.js'));
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const total = js.reduce((s, f) => s + statSync(f).size, 0);
const gz = js.reduce((s, f) => s + gzipSync(readFileSync(f)).length, 0);
rows.push(['extension JavaScript, all files', `${kb(total)} (${kb(gz)} gzip)`]);
for (const f of js.sort((a, b) => statSync(b).size - statSync(a).size).slice(0, 3)) {
  rows.push([`  largest: ${f.slice(dist.length + 1)}`, kb(statSync(f).size)]);
}

const sandbox = await startSandbox({ stateDir: mkdtempSync(join(tmpdir(), 'bench-')), reset: true });
const accessToken = await mintToken(sandbox.controlPort, 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a', [
  'https://graph.microsoft.com/User.Invite.All',
  'https://graph.microsoft.com/User.ReadBasic.All',
]);
const N = 200;
const times: number[] = [];
const started = performance.now();
for (let i = 0; i < N; i++) {
  const t = performance.now();
  const res = await sandboxRequest(sandbox, 'graph.microsoft.com', 'POST', '/v1.0/invitations', {
    token: accessToken,
    body: { invitedUserEmailAddress: `bench${i}@partner.example`, inviteRedirectUrl: 'https://app.powerbi.com/' },
  });
  if (res.status !== 201) throw new Error(`invitation ${i}: ${res.status}`);
  times.push(performance.now() - t);
}
const seconds = (performance.now() - started) / 1000;
times.sort((a, b) => a - b);
rows.push([`sandbox POST /invitations, ${N} in a row`, `${(N / seconds).toFixed(0)}/s`]);
rows.push(['  median / p95 round trip', `${times[N / 2]?.toFixed(1)} ms / ${times[Math.floor(N * 0.95)]?.toFixed(1)} ms`]);
await sandbox.close();

const width = Math.max(...rows.map(([k]) => k.length));
console.log(`${'measure'.padEnd(width)}  value`);
console.log(`${'-'.repeat(width)}  -----`);
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
