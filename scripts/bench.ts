import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bulkJobRate, CEILING_PER_SECOND, LARGE_ROWS, parseTiming, plainLoopRate } from './bench-bulk.ts';
import { flowCounts } from './bench-flows.ts';
import { ownersAzureRows } from './bench-owners-azure.ts';
import { ownersPowerBiRows } from './bench-owners-powerbi.ts';
import { scaleRows } from './bench-scale.ts';
import { CONTENT_BUDGET, POPUP_BUDGET, startupSizes } from './bench-sizes.ts';

/** `npm run bench`: bundle sizes of the production build, parsing, and bulk invitation pace against the sandbox. */
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

const startup = startupSizes(dist);
rows.push(['popup initial JavaScript, gzip (budget 30 KiB)', `${kb(startup.popup)} of ${kb(POPUP_BUDGET)}`]);
rows.push(['  popup stylesheet, gzip', kb(startup.popupCss)]);
rows.push(['content script with its imports, gzip (budget 8 KiB)', `${kb(startup.content)} of ${kb(CONTENT_BUDGET)}`]);

rows.push(['parse a 10,000-row Entra template', `${parseTiming().toFixed(0)} ms`]);

// Bulk invitations: 1,000 rows, 50 ms network latency, 400 ms at Graph per invitation, Graph's limit of 150 per 5 s.
const BULK_ROWS = 1000;
const LOOP_ROWS = 40;
const job = await bulkJobRate(BULK_ROWS);
const loop = await plainLoopRate(LOOP_ROWS);
rows.push([`bulk job, ${BULK_ROWS} rows (50 ms network, 400 ms per invitation)`, `${job.perSecond.toFixed(1)} invitations/s`]);
rows.push(['  Graph ceiling (150 per 5 s)', `${CEILING_PER_SECOND.toFixed(1)} invitations/s`]);
rows.push(['  share of the ceiling', `${((job.perSecond / CEILING_PER_SECOND) * 100).toFixed(0)} %`]);
rows.push(['  whole run / preview of the file', `${job.seconds.toFixed(1)} s / ${(job.previewMs / 1000).toFixed(1)} s`]);
rows.push([
  `preview of a ${LARGE_ROWS.toLocaleString('en')}-row file in the popup`,
  `${(job.largePreviewMs / 1000).toFixed(1)} s`,
]);
rows.push([`one request per row, in a row (${LOOP_ROWS} rows)`, `${loop.toFixed(1)} invitations/s`]);

// One invitation as the background runs it: API round trips from Invite to the result, beside the dependent ones
// it cannot do without (issue 9's floors), and tokens the login issued meanwhile (a warm token: none).
const FLOORS: Record<string, number> = { 'invite alone': 1, 'invite + app audience group': 2, 'invite + eligible role': 2 };
const { flows, popupOpenMs, card } = await flowCounts();
for (const f of flows) {
  const retries = f.retries ? ` (+${f.retries} sent again: Azure had not seen the new guest yet)` : '';
  rows.push([
    `round trips, ${f.flow} (floor ${FLOORS[f.flow]})`,
    `${f.writes} dependent${retries} + ${f.lookups} look-up (pre-check), ${f.tokens} new tokens`,
  ]);
  if (process.env.BENCH_VERBOSE) for (const r of f.requests) rows.push([`    ${r}`, '']);
}
rows.push(['popup open to page context shown, median of 20', `${popupOpenMs.toFixed(0)} ms`]);
// A guest's card: the directory in one $batch (floor 1); ARM's eligible and active instances and the subscription's
// name (3); Power BI's workspaces, their users, and the apps with their audiences (1 + workspaces + 1 + apps).
rows.push([
  'round trips, a guest card on a portal page (Graph floor 1)',
  `Graph ${card.graph}, ARM ${card.arm}, Power BI ${card.powerBi}, side by side; shown after ${card.ms} ms`,
]);

// The views that grow with a tenant, on the seed and on a tenant of real size (issue 22).
rows.push(['views at scale (seed, then 25,000 users / 3,000 groups / 320 workspaces)', '']);
for (const profile of ['small', 'large'] as const) rows.push(...(await scaleRows(profile)));

// External access here on the large profile's busiest Power BI app (issue 27).
rows.push(...(await ownersPowerBiRows()));
// "External access here" on the large profile's busiest Azure resource (issue 27).
rows.push(['external access here, Azure (large profile)', '']);
rows.push(...(await ownersAzureRows()));

const width = Math.max(...rows.map(([k]) => k.length));
console.log(`${'measure'.padEnd(width)}  value`);
console.log(`${'-'.repeat(width)}  -----`);
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
