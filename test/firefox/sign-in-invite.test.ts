import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTOSO, freshSandbox, PASSWORD, RESULTS_DIR, SALES_APP, type TestSandbox } from '../e2e/sandbox.ts';
import { type FirefoxWithExtension, launchFirefox } from './harness.ts';

/** The Firefox build in Debian's firefox-esr, against the same sandbox as the Chromium suite. */
let sandbox: TestSandbox;
let firefox: FirefoxWithExtension;

beforeAll(async () => {
  sandbox = await freshSandbox({ recordTraffic: false });
  firefox = await launchFirefox(sandbox);
  mkdirSync(RESULTS_DIR, { recursive: true });
});

afterAll(async () => {
  await firefox?.close();
  await sandbox?.dispose();
});

interface BrowserGlobal {
  browser: {
    identity: { getRedirectURL(): string };
    permissions: { remove(p: { origins: string[] }): Promise<boolean> };
  };
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(RESULTS_DIR, `firefox-${name}.png`) });
const POPUP = 'src/popup/index.html';
const APP_PAGE = `https://app.powerbi.com/groups/me/apps/${SALES_APP}/reports/0f4e3d2c-1b0a-4987-8654-3210fedcba98/ReportSection?ctid=${CONTOSO}`;

/** A button by its words, as a person finds it: a tab of the same name ("Invite") is a tab, not a button. */
async function button(page: Page, name: string) {
  const found = await page.waitForSelector(`xpath/.//button[not(@role="tab")][normalize-space()="${name}"]`);
  if (!found) throw new Error(`no "${name}" button`);
  return found;
}

/** The popup, opened again until it shows the account: the background finishes the sign-in after the window closes. */
async function signedInPopup(timeout = 20_000): Promise<Page> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const popup = await firefox.openExtensionPage(POPUP, 'main');
    const account = await popup.waitForSelector('[data-testid=account-username]', { timeout: 2_000 }).catch(() => null);
    if (account) return popup;
    const shown = await popup.$eval('main', (m) => m.textContent);
    await popup.close();
    if (Date.now() > deadline) throw new Error(`not signed in: the popup shows ${shown}`);
  }
}

async function guests(email: string) {
  const state = await sandbox.control.state();
  return state.tenants.find((t) => t.id === CONTOSO)?.users.filter((u) => u.mail === email) ?? [];
}

describe('the Firefox build', () => {
  it("has the identity redirect URL that derives from its add-on id, which the sandbox's app registration lists", async () => {
    const popup = await firefox.openExtensionPage(POPUP, 'main');
    const redirect = await popup.evaluate(() => (globalThis as unknown as BrowserGlobal).browser.identity.getRedirectURL());
    const id = createHash('sha1').update(firefox.addonId).digest('hex');
    expect(redirect).toBe(`https://${id}.extensions.allizom.org/`);
    const app = (await sandbox.control.state()).tenants.find((t) => t.id === CONTOSO)?.applications[0];
    expect(app?.spaRedirectUris).toContain(redirect);
    await popup.close();
    // Options shows that URL to register, as the person copies it.
    const options = await firefox.openExtensionPage('src/options/index.html', '[data-testid=redirect-uri]');
    expect(await options.$eval('[data-testid=redirect-uri]', (c) => c.textContent)).toBe(redirect);
    await shot(options, 'options');
    await options.close();
  });

  it('signs in through the sandbox login window (launchWebAuthFlow) and invites one guest from the popup', async () => {
    const popup = await firefox.openExtensionPage(POPUP, 'main');
    const loginWindow = firefox.browser.waitForTarget((t) => t.url().startsWith('https://login.microsoftonline.com/'));
    await (await button(popup, 'Sign in')).click();
    const auth = await (await loginWindow).page();
    if (!auth) throw new Error('the login window has no page');
    await auth.waitForSelector('#login');
    await shot(auth, 'login');
    await auth.type('#login', 'megan@contoso.example');
    await auth.type('#passwd', PASSWORD);
    const closed = new Promise<void>((resolve) => auth.once('close', () => resolve()));
    await auth.click('button[type=submit]');
    // Consent is asked once per user and app; the window closes by itself at the redirect URL after that.
    const consent = auth.waitForSelector('button[value=accept]').then(
      (accept) => accept?.click(),
      () => undefined,
    );
    await Promise.race([consent, closed]);
    await closed;
    await popup.close();

    const signedIn = await signedInPopup();
    expect(await signedIn.$eval('[data-testid=account-username]', (e) => e.textContent?.trim())).toBe('megan@contoso.example');
    expect(await signedIn.$eval('[data-testid=tenant]', (e) => e.textContent)).toContain('Contoso');

    await signedIn.type('#email', 'firefox-guest@partner.example');
    await (await button(signedIn, 'Invite')).click();
    const outcome = await signedIn.waitForSelector('[data-testid=guest-state], [role=alert]', { timeout: 30_000 });
    await shot(signedIn, 'invited');
    const state = await outcome?.evaluate((e) => `${e.getAttribute('data-testid') ?? 'alert'}: ${e.textContent}`);
    expect(state).toBe('guest-state: Pending acceptance');
    const [guest] = await guests('firefox-guest@partner.example');
    expect(guest).toMatchObject({ userType: 'Guest', externalUserState: 'PendingAcceptance' });
  });

  it('renews a sign-in older than 24 hours without a window, in the event page, while the login session lives', async () => {
    await sandbox.control.ageRefreshTokens();
    await sandbox.control.expireTokens();
    const before = (await sandbox.control.authorizations()).length;
    const signedIn = await signedInPopup();
    await signedIn.waitForFunction(() => document.querySelector('[data-testid=tenant]')?.textContent?.includes('Contoso'));
    const asked = (await sandbox.control.authorizations()).slice(before);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((a) => a.prompt === 'none' && a.loginHint === 'megan@contoso.example')).toBe(true);
    await signedIn.close();
  });

  it('reads the page it is opened on: the content script reports a Power BI app page', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(APP_PAGE);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const popup = await firefox.openExtensionPage(POPUP, '[data-testid=page-context]');
      const context = await popup.$eval('[data-testid=page-context]', (e) => e.textContent ?? '');
      await popup.close();
      if (context.includes('Power BI app')) break;
      if (Date.now() > deadline) throw new Error(`the popup shows: ${context}`);
    }
    await page.close();
  });

  // Last: the host permission stays withheld (asking again needs a person's click on Firefox's own prompt).
  it('says in Check my setup which API a person withheld, and offers to ask for it again', async () => {
    const options = await firefox.openExtensionPage('src/options/index.html', 'main');
    const removed = await options.evaluate(() =>
      (globalThis as unknown as BrowserGlobal).browser.permissions.remove({ origins: ['https://api.bap.microsoft.com/*'] }),
    );
    expect(removed).toBe(true);
    await (await button(options, 'Check my setup')).click();
    const withheld = await options.waitForSelector('[data-testid=host-access] [data-ok=no]', { timeout: 30_000 });
    expect(await withheld?.evaluate((e) => e.textContent)).toBe(
      'Power Platform environment API (api.bap.microsoft.com): not allowed',
    );
    expect(await options.$$eval('[data-testid=host-access] [data-ok=yes]', (items) => items.length)).toBe(4);
    await button(options, 'Allow these sites');
    await shot(options, 'hosts-withheld');
    await options.close();
  });
});
