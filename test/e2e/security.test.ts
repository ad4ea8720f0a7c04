import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR, inviteFormIn, moreOptionsIn, openPopupOn, signInThroughPopup, waitForPageReported } from './harness.ts';
import { surface, surfaceSnapshot } from './manifest-surface.ts';
import { CONTOSO, PASSWORD, RESULTS_DIR, SALES_APP, sandboxAndBrowser, trafficMark, trafficSince } from './sandbox.ts';

/**
 * The standing security checks (issue 8): what the built extension may do, and what a crafted link, a page or a
 * content script can and cannot make it do, in Chromium against the sandbox.
 */

const SUB = '11111111-2222-4333-8444-555555555555';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-data`;
const STORAGE = `${RG}/providers/Microsoft.Storage/storageAccounts/stdata01`;
const PORTAL = 'https://portal.azure.com/#@contoso.onmicrosoft.com/resource';
const APP_PAGE = `https://app.powerbi.com/groups/me/apps/${SALES_APP}/reports/0f4e3d2c-1b0a-4987-8654-3210fedcba98?ctid=${CONTOSO}`;
const NO_CONTEXT = 'This page is not a Power BI app or workspace, an Azure resource or a Power Platform environment.';

describe('the built extension', () => {
  it('asks for exactly the permissions, hosts, pages and policy in the checked-in snapshot', () => {
    const built = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    // A change here is a change to what the extension may do: change the snapshot on purpose, in its own commit.
    expect(surface(built)).toEqual(surfaceSnapshot());
  });
});

const env = sandboxAndBrowser();

/** ARM requests the sandbox received since `mark` lines of the traffic record. */
const armRequestsSince = (mark: number): string[] =>
  trafficSince(mark).flatMap((e) => (e.host === 'management.azure.com' ? [e.path] : []));

/** Runs `expression` in the extension's content-script world on `page`, as a compromised renderer could. */
async function inContentScript(page: Page, expression: string): Promise<{ value?: unknown; error?: string }> {
  const cdp = await page.context().newCDPSession(page);
  const worlds: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
  await cdp.send('Runtime.enable');
  await expect.poll(() => worlds.some((w) => w.auxData?.type === 'isolated' && w.name === 'Invite Here')).toBe(true);
  const world = worlds.find((w) => w.auxData?.type === 'isolated' && w.name === 'Invite Here');
  const answer = await cdp.send('Runtime.evaluate', {
    expression,
    contextId: world?.id,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach();
  return answer.exceptionDetails
    ? { error: answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text }
    : { value: answer.result.value };
}

async function storageOfWorker(): Promise<Record<string, unknown>> {
  return (await env.browser.worker()).evaluate(async () => ({
    local: await chrome.storage.local.get(null),
    session: await chrome.storage.session.get(null),
    sync: await chrome.storage.sync.get(null),
  }));
}

describe('what a page or a link can make the extension do', () => {
  it('shows no Azure context on a portal link whose name hides a climb to the subscription, and asks ARM nothing', async () => {
    const first = await env.browser.openPopup();
    await signInThroughPopup(env.browser, first, 'megan@contoso.example', PASSWORD);
    await first.close();
    const mark = trafficMark();
    const hostile = `${PORTAL}${RG}/providers/Microsoft.Storage/storageAccounts/stdata01%2F..%2F..%2F../overview`;
    const popup = await openPopupOn(env.browser, hostile);
    await popup.getByTestId('account-username').waitFor();
    await expect.poll(() => popup.getByTestId('page-context').textContent()).toBe(NO_CONTEXT);
    expect(await popup.getByRole('region', { name: 'Azure role' }).count()).toBe(0);
    await popup.getByLabel('E-mail address').waitFor();
    expect(armRequestsSince(mark)).toEqual([]);
    await popup.close();
  });

  it('names exactly the scope it reads and writes, and asks ARM about nothing outside it', async () => {
    const mark = trafficMark();
    const popup = await openPopupOn(env.browser, `${PORTAL}${STORAGE}/overview`);
    await popup.getByRole('region', { name: 'Azure role' }).waitFor();
    await expect.poll(() => popup.getByTestId('page-context').textContent()).toContain('Storage account stdata01');
    const paths = armRequestsSince(mark);
    expect(paths.length).toBeGreaterThan(0);
    // The subscription's own name is read for the words; everything else is at the storage account itself.
    expect(paths.filter((p) => p !== `/subscriptions/${SUB}` && !p.startsWith(`${STORAGE}/`))).toEqual([]);
    await popup.close();
  });

  it('forgets the page a tab showed once the tab goes to a page the extension does not run on', async () => {
    const page = await env.browser.context.newPage();
    // A URL no other tab shows, so the report waited for is this tab's own.
    await page.goto(`${PORTAL}${RG}/overview?tab=forgets`);
    await page.bringToFront();
    await waitForPageReported(env.browser, page.url());
    await page.goto('data:text/html,<h1>Another site</h1>');
    // The background hears of the navigation a moment later; a person opens the popup after that.
    const recorded = async () =>
      (await env.browser.worker()).evaluate(async () => {
        const { pageContexts, lastPageTabId } = await chrome.storage.session.get(['pageContexts', 'lastPageTabId']);
        return (pageContexts as Record<string, unknown> | undefined)?.[String(lastPageTabId)] !== undefined;
      });
    await expect.poll(recorded, { timeout: 10_000 }).toBe(false);
    const popup = await env.browser.openPopup();
    await popup.getByTestId('account-username').waitFor();
    await expect.poll(() => popup.getByTestId('page-context').textContent()).toBe(NO_CONTEXT);
    await page.close();
    await popup.close();
  });

  it('keeps its storage closed to content scripts: a page cannot plant or read a bulk job', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${PORTAL}${STORAGE}/overview`);
    const planted = await inContentScript(
      page,
      `chrome.storage.local.set({ bulkJob: { id: 'x', status: 'running', roleScope: '/subscriptions/${SUB}' } }).then(() => 'written')`,
    );
    expect(planted.value).toBeUndefined();
    expect(planted.error).toMatch(/not allowed|denied|undefined/i);
    const read = await inContentScript(page, 'chrome.storage.local.get(null).then((all) => Object.keys(all).length)');
    expect(read.value).toBeUndefined();
    expect(((await storageOfWorker()).local as Record<string, unknown>).bulkJob).toBeUndefined();
    await page.close();
  });

  it('renders markup in a display name and in a group name as text', async () => {
    const markup = '<img src=x onerror="document.title=\'pwned\'">Kim';
    const popup = await openPopupOn(env.browser, APP_PAGE);
    await inviteFormIn(popup);
    await popup.getByLabel('E-mail address').fill('markup@partner.example');
    await moreOptionsIn(popup);
    await popup.getByLabel('Display name').fill(markup);
    await popup.getByRole('button', { name: 'Invite' }).click();
    await popup.getByLabel('Redeem link').waitFor();
    await popup.getByRole('button', { name: 'Invite someone else' }).click();
    await inviteFormIn(popup);
    await popup.getByLabel('E-mail address').fill('markup@partner.example');
    await expect.poll(() => popup.getByTestId('existing-user').textContent(), { timeout: 10_000 }).toContain(markup);
    expect(await popup.locator('main img').count()).toBe(0);

    await popup.getByRole('tab', { name: 'Bulk', exact: true }).click();
    const group = '<b onmouseover=alert(1)>Partners</b>';
    await popup.getByLabel('CSV file').setInputFiles({
      name: 'm.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`email,group\nmk@partner.example,"${group}"\n`),
    });
    await expect.poll(() => popup.getByTestId('bulk-rows').textContent(), { timeout: 20_000 }).toContain(`No group "${group}"`);
    expect(await popup.locator('main b').count()).toBe(0);
    expect(await popup.title()).not.toBe('pwned');
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await popup.close();
  });

  it('names, in the bulk preview, the scope the job will use, not the page the popup is on now', async () => {
    const onStorage = await openPopupOn(env.browser, `${PORTAL}${STORAGE}/overview`);
    await onStorage.getByRole('tab', { name: 'Bulk', exact: true }).click();
    const again = onStorage.getByRole('button', { name: 'New bulk invitation' });
    await onStorage.getByLabel('CSV file').or(again).first().waitFor();
    if (await again.isVisible()) await again.click();
    await onStorage
      .getByLabel('CSV file')
      .setInputFiles({ name: 'r.csv', mimeType: 'text/csv', buffer: Buffer.from('email,role\nrs@partner.example,Reader\n') });
    await onStorage.getByTestId('bulk-role-scope').waitFor({ timeout: 20_000 });
    await onStorage.close();
    const onApp = await openPopupOn(env.browser, APP_PAGE);
    await onApp.getByRole('tab', { name: 'Bulk', exact: true }).click();
    await expect.poll(() => onApp.getByTestId('bulk-role-scope').textContent()).toBe('Storage account stdata01 in rg-data');
    await onApp.getByRole('button', { name: 'Cancel' }).click();
    await onApp.close();
  });

  it('leaves no token or refresh token in any storage after signing in, inviting and a bulk job', async () => {
    const popup = await openPopupOn(env.browser, APP_PAGE);
    await popup.getByRole('tab', { name: 'Bulk', exact: true }).click();
    await popup.getByRole('button', { name: 'New bulk invitation' }).click();
    await popup.getByLabel('CSV file').setInputFiles({
      name: 't.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('email\ntok1@partner.example\ntok2@partner.example\n'),
    });
    await popup.getByLabel('I have read what this file grants').check();
    await popup.getByRole('button', { name: 'Send invitations (2)' }).click();
    await expect.poll(() => popup.getByTestId('bulk-status').textContent(), { timeout: 60_000 }).toBe('Done');
    await popup.screenshot({ path: join(RESULTS_DIR, 'security-bulk-done.png') });

    const issued = await env.sandbox.control.issuedTokens();
    expect(issued.accessTokens.length).toBeGreaterThan(0);
    expect(issued.refreshTokens.length).toBeGreaterThan(0);
    // Extension pages share one origin: the popup sees the same web storage as the offscreen document that runs MSAL.
    const webStorage = await popup.evaluate(() => ({
      local: Object.fromEntries(Object.entries(localStorage)),
      session: Object.fromEntries(Object.entries(sessionStorage)),
    }));
    const everything = JSON.stringify({ extension: await storageOfWorker(), webStorage });
    for (const token of [...issued.accessTokens, ...issued.refreshTokens]) {
      expect(everything.includes(token), `a token issued by the sandbox is in storage: ${token.slice(0, 12)}…`).toBe(false);
    }
    expect(everything).not.toMatch(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}\./);
    await popup.close();
  });

  it('signs out of every account and, when asked, clears bulk results and remembered groups', async () => {
    await (await env.browser.worker()).evaluate(() =>
      chrome.storage.local.set({ audienceGroups: { x: { id: '00000000-0000-4000-8000-000000000000', displayName: 'G' } } }),
    );
    const popup = await env.browser.openPopup();
    const msalAccounts = () =>
      popup.evaluate(() =>
        Object.entries(localStorage).filter(([k, v]) => k.toLowerCase().includes('account') && v && v !== '[]'),
      );
    await popup.getByTestId('account-username').waitFor();
    expect((await msalAccounts()).length).toBeGreaterThan(0);
    await popup.getByRole('button', { name: 'Sign out', exact: true }).click();
    await popup.getByLabel("Also clear this browser's data for this account", { exact: false }).check();
    await popup.screenshot({ path: join(RESULTS_DIR, 'popup-sign-out.png') });
    await popup.getByRole('button', { name: 'Confirm sign-out' }).click();
    await popup.getByRole('button', { name: 'Sign in' }).waitFor();
    await popup.reload();
    await popup.getByRole('button', { name: 'Sign in' }).waitFor();
    const { local } = (await storageOfWorker()) as { local: Record<string, unknown> };
    expect(Object.keys(local).filter((k) => k.startsWith('bulk') || k === 'audienceGroups')).toEqual([]);
    // MSAL's cache holds no account at all, so none can come back as signed in.
    expect(await msalAccounts()).toEqual([]);
    await popup.close();
  });
});
