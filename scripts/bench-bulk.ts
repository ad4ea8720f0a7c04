import type { Page } from 'playwright-core';
import type { FaultRule } from '../sandbox/faults.ts';
import { parseBulkInviteCsv } from '../src/logic/bulk/csv.ts';
import { launchBrowser, openPopupOn, signInThroughPopup } from '../test/e2e/harness.ts';
import { freshSandbox, PASSWORD } from '../test/e2e/sandbox.ts';
import { sandboxRequest } from '../test/support/https.ts';
import { mintToken } from '../test/support/node-sandbox.ts';

const MEGAN = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
const NETWORK_MS = 50;
const SERVER_MS = 400;
const HEADER =
  'Email address to invite [inviteeEmail] Required,Redirection url [inviteRedirectURL] Required,' +
  'Send invitation message (true or false) [sendEmail],Customized invitation message [customizedMessageBody]';

export const CEILING_PER_SECOND = 150 / 5;
export const LARGE_ROWS = 50_000;

function entraFile(rows: number, prefix: string): string {
  const lines = ['version:v1.0', HEADER];
  for (let i = 0; i < rows; i++) lines.push(`${prefix}${i}@partner.example,https://myapps.microsoft.com,true,`);
  return lines.join('\r\n');
}

/** Parsing Entra's template: the time for a 10,000-row file (the bench names that size). */
export function parseTiming(rows = 10_000): number {
  const text = entraFile(rows, 'parse');
  const started = performance.now();
  const parsed = parseBulkInviteCsv(text);
  if (parsed.rows.length !== rows) throw new Error(`parsed ${parsed.rows.length} of ${rows} rows`);
  return performance.now() - started;
}

/** Network latency on every round trip to Graph, and server time per invitation, as the bench's conditions. */
function slowGraph(): FaultRule[] {
  return [
    // A batch is one round trip; its invitations then run at Graph side by side.
    { host: 'graph.microsoft.com', path: '^/v1\\.0/\\$batch$', latencyMs: NETWORK_MS },
    { host: 'graph.microsoft.com', method: 'POST', path: '^/v1\\.0/invitations$', latencyMs: SERVER_MS },
  ];
}

/** Picks the file in the popup; milliseconds until its preview and first rows show. */
async function preview(page: Page, name: string, text: string): Promise<number> {
  const started = performance.now();
  await page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.getByTestId('bulk-preview').waitFor({ timeout: 120_000 });
  await page.locator('[data-testid=bulk-rows] tbody tr').first().waitFor();
  return performance.now() - started;
}

/**
 * The bulk job in Chromium with the production build: a LARGE_ROWS-row file previewed (no added latency), then the
 * measured file through the popup, sent, and the popup closed.
 */
export async function bulkJobRate(
  rows: number,
): Promise<{ perSecond: number; previewMs: number; largePreviewMs: number; seconds: number }> {
  const sandbox = await freshSandbox({ recordTraffic: false });
  const browser = await launchBrowser(sandbox);
  try {
    const popup = await browser.openPopup();
    await signInThroughPopup(browser, popup, 'megan@contoso.example', PASSWORD);
    await popup.close();
    const page = await openPopupOn(browser, 'https://app.powerbi.com/home');
    await page.getByRole('tab', { name: 'Bulk' }).click();
    // A large file first: read, checked against the tenant and shown, then put aside.
    const largePreviewMs = await preview(page, 'large.csv', entraFile(LARGE_ROWS, 'large'));
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'New bulk invitation' }).click();

    for (const rule of slowGraph()) await sandbox.control.addFault(rule);
    const previewMs = await preview(page, 'bench.csv', entraFile(rows, 'bench'));
    await page.getByLabel('I have read what this file grants').check();
    await page.getByRole('button', { name: `Send invitations (${rows})` }).click();
    await page.getByTestId('bulk-progress').waitFor();
    await page.close();
    // The job runs in the worker with no popup open; read its state where it keeps it.
    for (;;) {
      const job = await (await browser.worker())
        .evaluate(async () => (await chrome.storage.local.get('bulkJob')).bulkJob as Record<string, number | string>)
        .catch(() => undefined);
      if (job?.status === 'done') {
        const seconds = ((job.finishedAt as number) - (job.startedAt as number)) / 1000;
        const invited = (await sandbox.control.state()).tenants[0]?.users.filter((u) => u.mail?.startsWith('bench')).length ?? 0;
        if (invited !== rows) throw new Error(`the job ended with ${invited} of ${rows} guests`);
        return { perSecond: rows / seconds, previewMs, largePreviewMs, seconds };
      }
      if (job?.status !== 'running') throw new Error(`the job stopped: ${JSON.stringify(job)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await browser.close();
    await sandbox.dispose();
  }
}

/** What a script does today: one POST /invitations per row, each after the last, under the same conditions. */
export async function plainLoopRate(rows: number): Promise<number> {
  const sandbox = await freshSandbox({ recordTraffic: false });
  try {
    await sandbox.control.addFault({
      host: 'graph.microsoft.com',
      method: 'POST',
      path: '^/v1\\.0/invitations$',
      latencyMs: NETWORK_MS + SERVER_MS,
    });
    const token = await mintToken(sandbox, MEGAN, ['https://graph.microsoft.com/User.Invite.All']);
    const started = performance.now();
    for (let i = 0; i < rows; i++) {
      const res = await sandboxRequest(sandbox, 'graph.microsoft.com', 'POST', '/v1.0/invitations', {
        token,
        body: { invitedUserEmailAddress: `loop${i}@partner.example`, inviteRedirectUrl: 'https://myapps.microsoft.com' },
      });
      if (res.status !== 201) throw new Error(`invitation ${i}: ${res.status}`);
    }
    return rows / ((performance.now() - started) / 1000);
  } finally {
    await sandbox.dispose();
  }
}
