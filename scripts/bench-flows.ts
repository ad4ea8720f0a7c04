import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startSandbox } from '../sandbox/server.ts';
import { control } from '../test/e2e/control.ts';
import {
  inviteFormIn,
  launchBrowser,
  openPopupOn,
  signInThroughPopup,
  type TestBrowser,
  waitForPageReported,
} from '../test/e2e/harness.ts';
import { CONTOSO, PASSWORD, SALES_APP } from '../test/e2e/sandbox.ts';

const STORAGE =
  '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01';
const APP_PAGE = `https://app.powerbi.com/groups/me/apps/${SALES_APP}/reports/0f4e3d2c-1b0a-4987-8654-3210fedcba98?ctid=${CONTOSO}`;
const PORTAL_PAGE = `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${STORAGE}/overview`;

/** The popup opened 20 times on a portal page: the median time from its navigation to the page context shown. */
async function popupOpenMedian(browser: TestBrowser): Promise<number> {
  const page = await browser.context.newPage();
  await page.goto(PORTAL_PAGE);
  await page.bringToFront();
  await waitForPageReported(browser, page.url());
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const popup = await browser.openPopup();
    const mark = await popup.waitForFunction(() => performance.getEntriesByName('page-context-shown')[0]?.startTime);
    times.push((await mark.jsonValue()) as number);
    await popup.close();
  }
  await page.close();
  const sorted = times.sort((a, b) => a - b);
  return ((sorted[9] ?? 0) + (sorted[10] ?? 0)) / 2;
}

export interface FlowCount {
  flow: string;
  /** Requests to Graph, ARM and Power BI from Invite to the result (a $batch is one), and tokens the login issued. */
  /**
   * Round trips that change something (each waits on the one before), the same write sent again (ARM answering
   * PrincipalNotFound while it has not seen the new guest), and the look-ups besides them.
   */
  writes: number;
  retries: number;
  lookups: number;
  /** What each round trip was, for reading the figures. */
  requests: string[];
  tokens: number;
}

interface Sent {
  viaBatch?: boolean;
  method: string;
  host: string;
  path: string;
  requestBody?: { requests?: { method: string; url: string }[] };
}

/** A JSON batch is a look-up when all of its items are. */
const isWrite = (e: Sent) =>
  e.path.endsWith('/$batch') ? (e.requestBody?.requests ?? []).some((r) => r.method !== 'GET') : e.method !== 'GET';
const describe = (e: Sent) =>
  e.path.endsWith('/$batch')
    ? `${e.host} $batch[${(e.requestBody?.requests ?? []).map((r) => `${r.method} ${r.url.split('?')[0]}`).join(', ')}]`
    : `${e.host} ${e.method} ${e.path}`;

/**
 * Counts what one invitation costs once the popup is open and the pre-check has answered: the API round trips the
 * sandbox received, and the tokens its login issued (0 while the worker holds a warm one).
 */
/** What reading one guest's card cost: round trips per service (a $batch is one), and the time until it showed. */
export interface CardCount {
  graph: number;
  arm: number;
  powerBi: number;
  ms: number;
}

export async function flowCounts(): Promise<{ flows: FlowCount[]; popupOpenMs: number; card: CardCount }> {
  const stateDir = mkdtempSync(join(tmpdir(), 'invite-here-bench-'));
  const trafficFile = join(stateDir, 'traffic.jsonl');
  const sandbox = await startSandbox({ stateDir, reset: true, trafficFile });
  const api = control(sandbox.controlPort, sandbox.controlToken);
  const browser = await launchBrowser(sandbox);
  const lines = () => readFileSync(trafficFile, 'utf8').split('\n').filter(Boolean);
  const measure = async (flow: string, page: string, choose: (p: Page) => Promise<void>, email: string) => {
    const popup = await openPopupOn(browser, page);
    await inviteFormIn(popup);
    await choose(popup);
    await popup.getByLabel('E-mail address').fill(email);
    await popup.getByRole('button', { name: 'Invite' }).waitFor();
    // The pre-check answers as the address is typed; what it asks is not the invitation's cost.
    await popup.waitForTimeout(1000);
    const mark = lines().length;
    const tokens = (await api.issuedTokens()).accessTokens.length;
    await popup.getByRole('button', { name: 'Invite' }).click();
    await popup.getByLabel('Redeem link').waitFor({ timeout: 60_000 });
    const sent = lines()
      .slice(mark)
      .map((l) => JSON.parse(l) as Sent)
      .filter((e) => !e.viaBatch);
    await popup.close();
    // A write sent again names a new request (ARM schedule requests are PUT under a fresh GUID): compare without it.
    const writes = sent.filter(isWrite).map((e) => describe(e).replace(/\/[0-9a-f-]{36}$/, '/{name}'));
    return {
      flow,
      writes: new Set(writes).size,
      retries: writes.length - new Set(writes).size,
      lookups: sent.filter((e) => !isWrite(e)).length,
      requests: sent.map(describe),
      tokens: (await api.issuedTokens()).accessTokens.length - tokens,
    };
  };
  // A guest's card on the portal page: the round trips from choosing them to the card shown, by service.
  const cardCount = async (email: string): Promise<CardCount> => {
    const popup = await openPopupOn(browser, PORTAL_PAGE);
    await popup.getByRole('tab', { name: 'Guests' }).click();
    await popup.getByLabel('Find a guest').fill(email);
    const hit = popup.getByTestId('guest-hits').getByRole('button', { name: new RegExp(email) });
    await hit.waitFor();
    const mark = lines().length;
    const started = Date.now();
    await hit.click();
    await popup.getByTestId('guest-card').waitFor();
    const ms = Date.now() - started;
    const sent = lines()
      .slice(mark)
      .map((l) => JSON.parse(l) as Sent)
      .filter((e) => !e.viaBatch);
    await popup.close();
    const on = (host: string) => sent.filter((e) => e.host === host).length;
    return { graph: on('graph.microsoft.com'), arm: on('management.azure.com'), powerBi: on('api.powerbi.com'), ms };
  };
  try {
    const first = await browser.openPopup();
    await signInThroughPopup(browser, first, 'megan@contoso.example', PASSWORD);
    await first.close();
    const flows = [
      await measure('invite alone', 'https://app.powerbi.com/home', async () => undefined, 'flow1@partner.example'),
      await measure(
        'invite + app audience group',
        APP_PAGE,
        (p) => p.getByTestId('pbi-title').waitFor(),
        'flow2@partner.example',
      ),
      await measure(
        'invite + eligible role',
        PORTAL_PAGE,
        (p) => p.getByRole('region', { name: 'Azure role' }).getByRole('radio').first().check(),
        'flow3@partner.example',
      ),
    ];
    return { flows, popupOpenMs: await popupOpenMedian(browser), card: await cardCount('flow3@partner.example') };
  } finally {
    await browser.close();
    await sandbox.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
