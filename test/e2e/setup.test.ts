import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ID } from '../../scripts/manifests.ts';
import {
  launchBrowser,
  POLICY_FILE,
  signInThroughPopup,
  signInThroughWindow,
  type TestBrowser,
  waitForPageReported,
} from './harness.ts';
import { CONTOSO, freshSandbox, INVITE_HERE_APP, PASSWORD, sandboxAndBrowser, type TestSandbox } from './sandbox.ts';
import { PAGES } from './views.ts';

/**
 * The page at `url`, whether the browser opened it before the test looked or does so later (a tab opens on
 * about:blank and reaches its address afterwards, so the tabs are looked at until one is there).
 */
async function pageAt(context: BrowserContext, url: string): Promise<Page> {
  let found: Page | undefined;
  await expect.poll(() => (found = context.pages().find((p) => p.url() === url)), { timeout: 15_000 }).toBeDefined();
  return found as Page;
}

const optionsUrl = (browser: TestBrowser) => `chrome-extension://${browser.extensionId}/src/options/index.html`;

describe('first run and Check my setup', () => {
  const env = sandboxAndBrowser();

  it('opens Options with the three-step guide when the extension is installed', async () => {
    const options = await pageAt(env.browser.context, optionsUrl(env.browser));
    await options.getByRole('heading', { name: 'Set up Invite Here' }).waitFor();
    const steps = await options.locator('ol.guide > li h2').allTextContents();
    expect(steps).toEqual(['Sandbox or your tenant', 'The app registration', 'Test sign-in']);
    // The exact redirect URI to register: this browser's, from the extension's fixed id.
    expect(await options.getByTestId('redirect-uri').textContent()).toBe(`https://${env.browser.extensionId}.chromiumapp.org/`);
    // ... and that another browser, or a store's copy, has another one to register (docs/deploying.md lists them).
    await options.getByText('Chrome, Edge and Firefox each have their own', { exact: false }).waitFor();
    // Each feature's scopes, to copy: the guest card needs the directory audit log.
    const guestCard = options.getByRole('region', { name: 'Guest card' });
    expect(await guestCard.getByRole('cell', { name: 'AuditLog.Read.All' }).count()).toBe(1);
    await options.screenshot({ path: 'test-results/views/options-guide.png', fullPage: true });
  });

  it('reports the scope an app registration lacks and the feature it stops', async () => {
    const app = (await env.sandbox.control.state()).tenants.find((t) => t.id === CONTOSO)?.applications[0];
    await env.sandbox.control.patchApplication(CONTOSO, INVITE_HERE_APP, {
      consentedScopes: app?.consentedScopes.filter((s) => !s.endsWith('/AuditLog.Read.All')),
    });
    const options = await pageAt(env.browser.context, optionsUrl(env.browser));
    const check = () => options.getByRole('button', { name: 'Check my setup' }).click();
    await signInThroughWindow(env.browser, check, 'megan@contoso.example', PASSWORD);
    const report = options.getByTestId('setup-report');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.textContent()).toContain('Signed in as megan@contoso.example. Some features lack permissions');
    const guestCard = report.locator('[data-feature="guestCard"]');
    // The audit log is an admin's to consent to (Graph's permissions reference): the report says who must consent.
    expect(await guestCard.textContent()).toBe(
      "Guest card: needs an administrator's consent: AuditLog.Read.All (Microsoft Graph)",
    );
    // The rest of the registration is whole: those features are ready (External access here needs the audit log too).
    const ready = await report
      .locator('[data-ok="yes"]')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-feature')));
    expect(ready).toEqual([
      'myAccess',
      'invite',
      'powerBiAccess',
      'partnerNames',
      'azureRoles',
      'powerPlatform',
      'guestLifecycle',
    ]);
    // Every API host the extension calls is granted (a host permission: none of its calls leans on CORS).
    const hosts = options.getByTestId('host-access');
    expect(await hosts.locator('p').textContent()).toBe('The browser lets the extension reach every API it calls.');
    expect(await hosts.locator('li').allTextContents()).toEqual([
      'Microsoft Graph (graph.microsoft.com): allowed',
      'Azure Resource Manager (management.azure.com): allowed',
      'Power BI Service (api.powerbi.com): allowed',
      'Power Platform environment API (api.bap.microsoft.com): allowed',
      'Dataverse (*.crm.dynamics.com … *.crm21.dynamics.com): allowed',
    ]);
    await options.screenshot({ path: 'test-results/views/options-check.png', fullPage: true });
  });
});

describe('the toolbar button', () => {
  const env = sandboxAndBrowser();

  /** The badge and title the toolbar button shows on a tab. */
  const buttonOn = (tabId: number) =>
    env.browser.worker().then((w) =>
      w.evaluate(
        async (id) => ({
          text: await chrome.action.getBadgeText({ tabId: id }),
          title: await chrome.action.getTitle({ tabId: id }),
        }),
        tabId,
      ),
    );

  it('is marked on a page the extension can act on, and opens with Alt+Shift+G', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(PAGES.powerBi);
    await waitForPageReported(env.browser, page.url());
    const tabId = await (await env.browser.worker()).evaluate(
      async () => (await chrome.storage.session.get('lastPageTabId')).lastPageTabId as number,
    );
    expect(await buttonOn(tabId)).toEqual({ text: '+', title: 'Invite Here: invite a guest to this Power BI app or workspace' });
    // The same tab on a page it cannot act on (the login's OpenID metadata, not an API call the contract test
    // reads): no mark, the plain name.
    await page.goto(`https://login.microsoftonline.com/${CONTOSO}/v2.0/.well-known/openid-configuration`);
    await expect.poll(() => buttonOn(tabId)).toEqual({ text: '', title: 'Invite Here' });
    const commands = await (await env.browser.worker()).evaluate(() => chrome.commands.getAll());
    expect(commands.find((c) => c.name === '_execute_action')?.shortcut).toBe('Alt+Shift+G');
    await page.close();
  });
});

describe('settings an organization pushes by policy', () => {
  let sandbox: TestSandbox;
  let browser: TestBrowser;
  beforeAll(async () => {
    sandbox = await freshSandbox();
    // Chrome and Edge read an extension's policy under "3rdparty": the values of the fleet kit's Chrome file, as an
    // administrator deploys them (docs/deploying.md), for the id manifest.json's key gives this build. Its
    // force-install entry is left out: this browser loads the build under test, not the store's.
    const kit = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '..', '..', 'deploy', 'chrome', 'invite-here.json'), 'utf8'),
    );
    const values = kit['3rdparty'].extensions[CHROMIUM_ID];
    expect(values).toMatchObject({ tenant: 'contoso.onmicrosoft.com', clientId: INVITE_HERE_APP, cloud: 'microsoft' });
    mkdirSync(join(POLICY_FILE, '..'), { recursive: true });
    writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [CHROMIUM_ID]: values } } }));
    // Chromium watches the file: it stays while this browser runs, and goes before any other test's browser starts.
    browser = await launchBrowser(sandbox);
  });
  afterAll(async () => {
    rmSync(POLICY_FILE, { force: true });
    await browser?.close();
    await sandbox?.dispose();
  });

  it('signs in to the tenant the policy names, over the one saved in Options, and shows it as managed', async () => {
    // What the person saved in Options before the organization's policy came: the partner's tenant.
    const saved = { cloud: 'microsoft', tenant: 'partnerltd.onmicrosoft.com', clientId: INVITE_HERE_APP };
    await (await browser.worker()).evaluate((settings) => chrome.storage.local.set({ settings }), saved);
    const options = await pageAt(browser.context, optionsUrl(browser));
    await options.reload();
    const tenant = options.getByLabel('Tenant id or domain');
    await expect.poll(() => tenant.inputValue()).toBe('contoso.onmicrosoft.com');
    expect(await tenant.isDisabled()).toBe(true);
    expect(await tenant.getAttribute('aria-describedby').then((id) => options.locator(`#${id}`).textContent())).toBe(
      "Set by your organization's policy",
    );
    expect(await options.getByLabel('Microsoft (your tenant)').isChecked()).toBe(true);
    await options.screenshot({ path: 'test-results/views/options-managed.png', fullPage: true });

    const popup = await browser.openPopup();
    await signInThroughPopup(browser, popup, 'megan@contoso.example', PASSWORD);
    expect(await popup.getByTestId('account-username').textContent()).toBe('megan@contoso.example');
    expect(await popup.getByTestId('tenant-id').textContent()).toContain(CONTOSO);
    await popup.close();
  });
});
