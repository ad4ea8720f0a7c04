import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { hostResolverRules } from '../../sandbox/hosts.ts';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { PASSWORD, RESULTS_DIR } from './sandbox.ts';

export const EXTENSION_DIR = resolve(import.meta.dirname, '..', '..', 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where Debian's Chromium reads an organization's policies, as an administrator deploys them (docs/deploying.md). */
export const POLICY_FILE = '/etc/chromium/policies/managed/invite-here-e2e.json';

export interface TestBrowser {
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
  openPopup(): Promise<Page>;
  close(): Promise<void>;
}

/** Chromium flags that point Microsoft's host names at the sandbox and trust its certificate. */
export function sandboxFlags(sandbox: Pick<RunningSandbox, 'port' | 'spkiHashes'>): string[] {
  return [
    `--host-resolver-rules=${hostResolverRules(sandbox.port)}`,
    `--ignore-certificate-errors-spki-list=${sandbox.spkiHashes.join(',')}`,
  ];
}

/**
 * A fresh profile is a first install: the extension opens its Options guide in a tab, and Chrome may open it in
 * the blank tab a test has just made. Waiting for that tab first keeps every test's own pages its own.
 */
async function firstRunOptions(context: BrowserContext, extensionId: string): Promise<void> {
  const url = `chrome-extension://${extensionId}/src/options/index.html`;
  const deadline = Date.now() + 15_000;
  while (!context.pages().some((p) => p.url() === url)) {
    if (Date.now() > deadline) throw new Error('the first run did not open the Options guide');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Real Chromium with the production build of the extension, a fresh profile, and the sandbox cloud. */
export async function launchBrowser(
  sandbox: RunningSandbox,
  options: { headless?: boolean; args?: string[] } = {},
): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'invite-here-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    viewport: { width: 1100, height: 800 },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...sandboxFlags(sandbox),
      ...(options.args ?? []),
    ],
  });
  const worker = async () => context.serviceWorkers()[0] ?? context.waitForEvent('serviceworker');
  const extensionId = new URL((await worker()).url()).host;
  await firstRunOptions(context, extensionId);
  return {
    context,
    extensionId,
    worker,
    openPopup: async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
      return page;
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens a web page in a tab of its own, brings it to the front, then opens the popup, as a person would. */
export async function openPopupOn(browser: TestBrowser, url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.bringToFront();
  await waitForPageReported(browser, page.url());
  return browser.openPopup();
}

/** A guest's card, opened on a page from the Guests tab by typing their address, as a person would. */
export async function openGuestCard(browser: TestBrowser, url: string, mail: string): Promise<Page> {
  const popup = await openPopupOn(browser, url);
  await popup.getByRole('tab', { name: 'Guests' }).click();
  await popup.getByLabel('Find a guest').fill(mail);
  await popup
    .getByTestId('guest-hits')
    .getByRole('button', { name: new RegExp(mail) })
    .click();
  await popup.getByTestId('guest-card').waitFor();
  return popup;
}

/**
 * The popup opened in a tab of its own shows the last page a content script reported; that report comes a moment
 * after the page loads, so wait for it rather than catch the page before.
 */
export async function waitForPageReported(browser: TestBrowser, url: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const reported = await (await browser.worker())
      .evaluate(async () => {
        const { pageContexts, lastPageTabId } = await chrome.storage.session.get(['pageContexts', 'lastPageTabId']);
        return (pageContexts as Record<string, { url: string }> | undefined)?.[String(lastPageTabId)]?.url ?? null;
      })
      .catch(() => null);
    if (reported === url) return;
    if (Date.now() > deadline) throw new Error(`the extension did not record ${url}; last reported: ${reported}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The invite form, as a person gets to it: the popup shows the last invitation's result card until they choose
 * "Invite someone else".
 */
export async function inviteFormIn(popup: Page): Promise<void> {
  const field = popup.getByLabel('E-mail address');
  const another = popup.getByRole('button', { name: 'Invite someone else' });
  await field.or(another).first().waitFor();
  if (await another.isVisible()) {
    // A click made just before may be closing the card already: then the button goes before this click lands.
    await another.click({ timeout: 5_000 }).catch(() => undefined);
    await field.waitFor();
  }
}

/** The fields every invitation has (name, message, sponsor, redirect, e-mail, Guest or Member), unfolded if folded. */
export async function moreOptionsIn(popup: Page): Promise<void> {
  const more = popup.getByTestId('more-options');
  if (!(await more.evaluate((d) => (d as HTMLDetailsElement).open))) await more.locator('summary').click();
}

/** Signs out as a person does: Sign out, then the confirmation (keeping or clearing this browser's data). */
export async function signOutInPopup(popup: Page, clearData = false): Promise<void> {
  await popup.getByRole('button', { name: 'Sign out', exact: true }).click();
  if (clearData) await popup.getByLabel("Also clear this browser's data for this account", { exact: false }).check();
  await popup.getByRole('button', { name: 'Confirm sign-out' }).click();
}

/** Signs out in the popup, then signs in as another user through the real login page. */
export async function signInAs(browser: TestBrowser, popup: Page, user: string, password: string): Promise<void> {
  await signOutInPopup(popup);
  await signInThroughPopup(browser, popup, user, password);
}

/** Signs in through the real sandbox login page in the launchWebAuthFlow window, as a person would. */
export async function signInThroughPopup(
  browser: TestBrowser,
  popup: Page,
  user: string,
  password: string,
  button = 'Sign in',
): Promise<void> {
  await signInThroughWindow(browser, () => popup.getByRole('button', { name: button }).click(), user, password);
  await waitForSignedIn(popup);
}

/**
 * The login window that `start` opens (a popup's or Options' button), filled in as a person would, until the window
 * closes by itself.
 */
export async function signInThroughWindow(
  browser: TestBrowser,
  start: () => Promise<void>,
  user: string,
  password: string,
): Promise<void> {
  const authWindow = browser.context.waitForEvent('page', (p) => p.url().startsWith('https://login.microsoftonline.com/'));
  await start();
  const auth = await authWindow;
  // Watched from before the sign-in: with nothing to consent to (an admin consented for the tenant) the window
  // closes right after it.
  const closed = auth.waitForEvent('close', { timeout: 30_000 });
  await auth.getByLabel('Email or phone').fill(user);
  await auth.getByLabel('Password').fill(password);
  await auth.getByRole('button', { name: 'Sign in' }).click();
  const accept = auth.getByRole('button', { name: 'Accept' });
  // Consent is asked once per user and app, for what the tenant's admin did not consent; the window closes by itself
  // after that.
  await Promise.race([accept.click().catch(() => undefined), closed]);
  await closed;
}

/**
 * The real popup closes when the auth window takes focus and the person opens it again; the background finishes
 * the sign-in a moment after the window closes, so reopen until the account shows.
 */
export async function waitForSignedIn(popup: Page, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  const account = popup.getByTestId('account-username');
  for (;;) {
    await popup.reload();
    const shown = await account.waitFor({ timeout: 2_000 }).then(
      () => true,
      () => false,
    );
    if (shown) return;
    if (Date.now() > deadline) throw new Error(`not signed in: the popup shows ${await popup.locator('main').textContent()}`);
  }
}

/**
 * Stops the extension's service worker the way Chrome does when it is idle (CDP ServiceWorker.stopAllWorkers).
 * A marker left in the worker's global scope tells afterwards whether it really started again from nothing.
 */
export async function stopServiceWorker(browser: TestBrowser, anyPage: Page): Promise<void> {
  await (await browser.worker()).evaluate(() => {
    (globalThis as { beforeStop?: boolean }).beforeStop = true;
  });
  const cdp = await browser.context.newCDPSession(anyPage);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/** True when the worker running now is a fresh start, not the one that was running before stopServiceWorker. */
export async function workerRestarted(browser: TestBrowser): Promise<boolean> {
  return (await browser.worker()).evaluate(() => (globalThis as { beforeStop?: boolean }).beforeStop === undefined);
}

/** A guest's first sign-in: their home account's password, then Entra's "Review permissions", then the app's consent. */
export async function signInAsGuest(browser: TestBrowser, popup: Page, user: string, button = 'Sign in'): Promise<void> {
  const authWindow = browser.context.waitForEvent('page', (p) => p.url().startsWith('https://login.microsoftonline.com/'));
  await popup.getByRole('button', { name: button }).click();
  const auth = await authWindow;
  const closed = auth.waitForEvent('close', { timeout: 60_000 });
  await auth.getByLabel('Email or phone').fill(user);
  await auth.getByLabel('Password').fill(PASSWORD);
  await auth.getByRole('button', { name: 'Sign in' }).click();
  // A guest who has not redeemed yet reviews the inviting organization's permissions first; one who has goes on to
  // the app's consent, or straight back once someone consented.
  const review = auth.getByRole('heading', { name: 'Review permissions' });
  const consent = auth.getByRole('heading', { name: 'Permissions requested' });
  const settled = (p: Promise<unknown>, as: 'review' | 'consent' | 'closed') =>
    p.then(
      () => as,
      () => 'closed' as const,
    );
  const next = await Promise.race([
    settled(review.waitFor(), 'review'),
    settled(consent.waitFor(), 'consent'),
    settled(closed, 'closed'),
  ]);
  if (next === 'review') {
    await auth.locator('main', { hasText: 'Contoso would like to' }).waitFor();
    await auth.screenshot({ path: join(RESULTS_DIR, 'guest-review-permissions.png') });
    await auth.getByRole('button', { name: 'Accept' }).click();
  }
  // After the review, the app's consent only for what no admin consented for the tenant.
  const then = next === 'review' ? await Promise.race([settled(consent.waitFor(), 'consent'), settled(closed, 'closed')]) : next;
  if (then === 'consent') await auth.getByRole('button', { name: 'Accept' }).click();
  await closed;
  await waitForSignedIn(popup);
}
