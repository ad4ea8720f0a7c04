import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { needsAdmin } from '../../sandbox/consent.ts';
import { inviteFormIn, openPopupOn, signInAs, signInAsGuest } from './harness.ts';
import { CONTOSO, INVITE_HERE_APP, PASSWORD, RESULTS_DIR, SALES_APP, sandboxAndBrowser } from './sandbox.ts';

/**
 * Issue 23, least-privilege consent: with an app registration no admin ever consented for, a guest signs in and uses
 * My access without being asked for an admin's scope, and an admin's first invitation asks for the invite scopes,
 * then never again.
 */
const PAT = 'f4d3b7e5-0a6c-4d84-8e95-3b1c4a5f6e7d';
const MEGAN = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
/** A Guest Inviter: may invite, but holds no role that may consent for an app. */
const ADELE = 'd2b1f5c3-8e4a-4b62-8c73-1f9a2e3d4c5b';

const SALES_APP_URL = `https://app.powerbi.com/groups/me/apps/${SALES_APP}/reports/0f4e3d2c-1b0a-4987-8654-3210fedcba98?ctid=${CONTOSO}`;

const env = sandboxAndBrowser();
const pagesShownTo = async (userId: string) => (await env.sandbox.control.consentPages()).filter((p) => p.userId === userId);

beforeAll(async () => {
  // The registration as an admin left it after adding its permissions: configured, never consented for the tenant.
  await env.sandbox.control.patchApplication(CONTOSO, INVITE_HERE_APP, { consentedScopes: [] });
});

/**
 * Sends an invitation from the form; `consent` is what the person does in a login window that opens meanwhile. The
 * popup's alert, if it shows one instead of the result card.
 */
async function invite(popup: Page, email: string, consent: (auth: Page) => Promise<void>): Promise<string | null> {
  await inviteFormIn(popup);
  await popup.getByLabel('E-mail address').fill(email);
  const authWindow = env.browser.context
    .waitForEvent('page', { predicate: (p) => p.url().startsWith('https://login.microsoftonline.com/'), timeout: 30_000 })
    .catch(() => null);
  await popup.getByRole('button', { name: 'Invite' }).click();
  const state = popup.getByTestId('guest-state');
  const settled = state.or(popup.getByRole('alert')).first();
  const shown = await Promise.race([authWindow, settled.waitFor({ timeout: 30_000 }).then(() => null)]);
  if (shown) await consent(shown);
  await settled.waitFor({ timeout: 30_000 });
  if (!(await state.isVisible())) return popup.getByRole('alert').textContent();
  expect(await state.textContent()).toBe('Pending acceptance');
  return null;
}

/** Megan accepts, in the login window, a consent page that lists `scope` (signing in first if the session ended). */
async function consentAsMegan(auth: Page, scope: string, screenshot: string): Promise<void> {
  const closed = auth.waitForEvent('close', { timeout: 30_000 });
  // The login session may have ended with the window: then Megan signs in again first.
  const heading = auth.getByRole('heading', { name: 'Permissions requested' });
  const login = auth.getByLabel('Email or phone');
  await heading.or(login).first().waitFor({ timeout: 30_000 });
  if (await login.isVisible()) {
    await login.fill('megan@contoso.example');
    await auth.getByLabel('Password').fill(PASSWORD);
    await auth.getByRole('button', { name: 'Sign in' }).click();
  }
  await heading.waitFor({ timeout: 30_000 });
  expect(await auth.locator('li').allTextContents()).toEqual(expect.arrayContaining([scope]));
  await auth.screenshot({ path: join(RESULTS_DIR, screenshot) });
  await auth.getByRole('button', { name: 'Accept' }).click();
  await closed;
}

describe('least-privilege consent, with a registration no admin consented for', () => {
  it('lets a guest sign in and use My access, never showing them an admin scope to consent to', async () => {
    const popup = await env.browser.openPopup();
    await signInAsGuest(env.browser, popup, 'pat@partner.example');
    await expect.poll(() => popup.getByTestId('my-identity').textContent(), { timeout: 15_000 }).toContain('invitation Accepted');
    await expect.poll(() => popup.getByTestId('my-tenants').textContent(), { timeout: 15_000 }).toContain('Contoso');
    const pages = await pagesShownTo(PAT);
    expect(pages.map((p) => p.page)).toEqual(['consent']);
    expect(pages[0]?.scopes).toContain('https://graph.microsoft.com/User.Read');
    expect(pages.flatMap((p) => p.scopes).filter(needsAdmin)).toEqual([]);
    await popup.screenshot({ path: join(RESULTS_DIR, 'consent-guest-my-access.png'), fullPage: true });
    await popup.close();
  });

  it('asks an admin for the invite scopes at their first invitation, and nothing at the second', async () => {
    const popup = await env.browser.openPopup();
    await signInAs(env.browser, popup, 'megan@contoso.example', PASSWORD);
    // Sign-in asked Megan for what everyone needs, nothing of an admin's.
    expect((await pagesShownTo(MEGAN)).flatMap((p) => p.scopes).filter(needsAdmin)).toEqual([]);

    const first = await invite(popup, 'first@partner.example', (auth) =>
      consentAsMegan(auth, 'https://graph.microsoft.com/User.Invite.All', 'consent-admin-invite.png'),
    );
    expect(first).toBeNull();
    const invitePage = (await pagesShownTo(MEGAN)).at(-1);
    expect(invitePage?.page).toBe('consent');
    expect(invitePage?.scopes).toEqual(
      expect.arrayContaining(['https://graph.microsoft.com/User.Invite.All', 'https://graph.microsoft.com/User.Read.All']),
    );

    const before = (await env.sandbox.control.consentPages()).length;
    const second = await invite(popup, 'second@partner.example', async () => {
      throw new Error('the second invitation opened a login window');
    });
    expect(second).toBeNull();
    expect(await env.sandbox.control.consentPages()).toHaveLength(before);
    await popup.close();
  });

  it('shows someone who is no admin "Need admin approval" for the invite scopes, and sends nothing', async () => {
    const popup = await env.browser.openPopup();
    await signInAs(env.browser, popup, 'adele@contoso.example', PASSWORD);
    const refused = await invite(popup, 'third@partner.example', async (auth) => {
      const closed = auth.waitForEvent('close', { timeout: 30_000 });
      await auth.getByRole('heading', { name: 'Need admin approval' }).waitFor();
      await auth.screenshot({ path: join(RESULTS_DIR, 'consent-need-admin-approval.png') });
      await auth.getByRole('button', { name: 'Return to the application without granting consent' }).click();
      await closed;
    });
    expect(refused).toContain('Some only an administrator can grant');
    const pages = await pagesShownTo(ADELE);
    expect(pages.at(-1)?.page).toBe('needAdminApproval');
    expect(
      pages
        .filter((p) => p.page === 'consent')
        .flatMap((p) => p.scopes)
        .filter(needsAdmin),
    ).toEqual([]);
    const state = await env.sandbox.control.state();
    expect(state.tenants.find((t) => t.id === CONTOSO)?.users.some((u) => u.mail === 'third@partner.example')).toBe(false);
    await popup.close();
  });

  it("asks an admin on a Power BI app's page for Power BI's consent in place, then reads who may open the app", async () => {
    const signIn = await env.browser.openPopup();
    await signInAs(env.browser, signIn, 'megan@contoso.example', PASSWORD);
    await signIn.close();
    const popup = await openPopupOn(env.browser, SALES_APP_URL);
    await inviteFormIn(popup);
    // Before any invitation, and before the app's admin read, which the consent not given would refuse.
    const line = popup.getByTestId('consent-line').filter({ hasText: 'Reading who may open this app' });
    await line.waitFor({ timeout: 30_000 });
    expect(await popup.getByTestId('audience-group').count()).toBe(0);
    await popup.screenshot({ path: join(RESULTS_DIR, 'consent-line-power-bi.png'), fullPage: true });

    const authWindow = env.browser.context.waitForEvent('page', {
      predicate: (p) => p.url().startsWith('https://login.microsoftonline.com/'),
      timeout: 30_000,
    });
    await line.getByRole('button', { name: 'Allow' }).click();
    await consentAsMegan(
      await authWindow,
      'https://analysis.windows.net/powerbi/api/Tenant.Read.All',
      'consent-admin-power-bi.png',
    );
    await expect
      .poll(() => popup.getByTestId('audience-group').textContent(), { timeout: 30_000 })
      .toContain('Sales Analytics viewers');
    expect(await line.count()).toBe(0);
    await popup.close();
  });
});
