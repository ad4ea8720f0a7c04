import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { inviteFormIn, signInThroughPopup, stopServiceWorker, waitForPageReported, workerRestarted } from './harness.ts';
import { CONTOSO, INVITE_HERE_APP, PASSWORD, RESULTS_DIR, SALES_APP, sandboxAndBrowser } from './sandbox.ts';

const APP_PAGE = `https://app.powerbi.com/groups/me/apps/${SALES_APP}/reports/0f4e3d2c-1b0a-4987-8654-3210fedcba98/ReportSection?ctid=${CONTOSO}`;

const env = sandboxAndBrowser();
let appPage: Page;

async function guests(email: string) {
  const state = await env.sandbox.control.state();
  return state.tenants.find((t) => t.id === CONTOSO)?.users.filter((u) => u.mail === email) ?? [];
}

async function invite(popup: Page, email: string) {
  await inviteFormIn(popup);
  await popup.getByLabel('E-mail address').fill(email);
  await popup.getByRole('button', { name: 'Invite' }).click();
}

/** The guest's state on the result card; fails with the popup's own words if it shows an error instead. */
async function invitedState(popup: Page, timeout = 30_000): Promise<string | null> {
  const state = popup.getByTestId('guest-state');
  await state.or(popup.getByRole('alert')).first().waitFor({ timeout });
  if (!(await state.isVisible())) throw new Error(`the popup shows: ${await popup.getByRole('alert').textContent()}`);
  return state.textContent();
}

beforeAll(async () => {
  appPage = await env.browser.context.newPage();
  await appPage.goto(APP_PAGE);
  await waitForPageReported(env.browser, appPage.url());
});

describe('sign in and invite a guest', () => {
  it('signs in on the env.sandbox login page and shows the account and tenant', async () => {
    const popup = await env.browser.openPopup();
    await signInThroughPopup(env.browser, popup, 'megan@contoso.example', PASSWORD);
    expect(await popup.getByTestId('account-username').textContent()).toBe('megan@contoso.example');
    expect(await popup.getByTestId('account-name').textContent()).toBe('Megan Bowen');
    expect(await popup.getByTestId('tenant').textContent()).toContain('Contoso');
    await popup.close();
  });

  it('invites from a Power BI app page, redirecting to that page, and shows the redeem link', async () => {
    await appPage.bringToFront();
    const popup = await env.browser.openPopup();
    await expect.poll(() => popup.getByTestId('page-context').textContent()).toContain('Power BI app');
    expect(await popup.getByLabel('After accepting, open').inputValue()).toBe(APP_PAGE);
    await invite(popup, 'someone@partner.example');
    const redeem = popup.getByLabel('Redeem link');
    await expect.poll(() => redeem.inputValue()).toMatch(/^https:\/\/login\.microsoftonline\.com\/redeem\?rd=/);
    expect(await invitedState(popup)).toBe('Pending acceptance');
    await popup.screenshot({ path: join(RESULTS_DIR, 'popup-invited.png') });
    const [guest] = await guests('someone@partner.example');
    expect(guest).toMatchObject({ userType: 'Guest', externalUserState: 'PendingAcceptance' });
    await popup.close();
  });

  it('stays signed in after the service worker stops and the offscreen document closes', async () => {
    const loginWindows: string[] = [];
    env.browser.context.on('page', (p) => loginWindows.push(p.url()));
    const worker = await env.browser.worker();
    await worker.evaluate(() => chrome.offscreen.closeDocument());
    await stopServiceWorker(env.browser, appPage);
    const popup = await env.browser.openPopup();
    await expect.poll(() => popup.getByTestId('account-username').textContent()).toBe('megan@contoso.example');
    expect(await workerRestarted(env.browser)).toBe(true);
    await invite(popup, 'second@partner.example');
    expect(await invitedState(popup)).toBe('Pending acceptance');
    expect(await guests('second@partner.example')).toHaveLength(1);
    expect(loginWindows.filter((u) => u.includes('login.microsoftonline.com'))).toEqual([]);
    await popup.close();
  });

  it('renews an expired access token through the refresh token, without asking to sign in', async () => {
    await env.sandbox.control.expireTokens();
    const popup = await env.browser.openPopup();
    await expect.poll(() => popup.getByTestId('account-username').textContent()).toBe('megan@contoso.example');
    await invite(popup, 'third@partner.example');
    expect(await invitedState(popup)).toBe('Pending acceptance');
    await popup.close();
  });

  it('refuses an e-mail with a forbidden character before sending anything', async () => {
    const popup = await env.browser.openPopup();
    await invite(popup, 'bad#name@partner.example');
    await expect.poll(() => popup.getByRole('alert').textContent()).toContain('does not accept "#"');
    expect(await popup.getByLabel('E-mail address').inputValue()).toBe('bad#name@partner.example');
    expect(await guests('bad#name@partner.example')).toHaveLength(0);
    await popup.close();
  });

  it('rides out throttling on the invitation without showing an error', async () => {
    await env.sandbox.control.addFault({
      host: 'graph.microsoft.com',
      method: 'POST',
      path: '^/v1.0/invitations$',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    const popup = await env.browser.openPopup();
    await invite(popup, 'patient@partner.example');
    expect(await invitedState(popup)).toBe('Pending acceptance');
    expect(await env.sandbox.control.faultHits()).toHaveLength(1);
    await popup.close();
  });

  it('explains a sign-in that lacks User.Invite.All and sends no invitation', async () => {
    const app = (await env.sandbox.control.state()).tenants.find((t) => t.id === CONTOSO)?.applications[0];
    await env.sandbox.control.patchApplication(CONTOSO, INVITE_HERE_APP, {
      // User.ReadWrite.All would allow inviting too (Graph's permission table), so it goes with it.
      consentedScopes: app?.consentedScopes.filter((s) => !s.endsWith('/User.Invite.All') && !s.endsWith('/User.ReadWrite.All')),
    });
    // Tokens issued before the admin withdrew consent stop working, so the next one comes without the scope.
    await env.sandbox.control.expireTokens();
    const popup = await env.browser.openPopup();
    await invite(popup, 'nobody@partner.example');
    await expect
      .poll(() => popup.getByRole('alert').textContent(), { timeout: 5000 })
      .toContain('has not been granted User.Invite.All');
    expect(await guests('nobody@partner.example')).toHaveLength(0);
    await popup.close();
  });
});
