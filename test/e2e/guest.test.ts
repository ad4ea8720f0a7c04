import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPopupOn, signInAsGuest, stopServiceWorker, workerRestarted } from './harness.ts';
import { CONTOSO, PASSWORD, RESULTS_DIR, sandboxAndBrowser } from './sandbox.ts';

/**
 * Issue 10: a guest from a partner organization signs in to the tenant that invited them and sees, in the popup,
 * what is waiting for them there, activating their eligible Azure roles in place.
 */
const SUB = '11111111-2222-4333-8444-555555555555';
const STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01`;
const RG_WEB = `/subscriptions/${SUB}/resourceGroups/rg-web`;
const WEB_APP = `${RG_WEB}/providers/Microsoft.Web/sites/web-partner`;
const portal = (scope: string) => `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${scope}/overview`;
const FINANCE_APP = '6f8d2b4c-9e3a-4d7f-8b2c-3d4e5f6a7b8c';
const PAT = 'f4d3b7e5-0a6c-4d84-8e95-3b1c4a5f6e7d';

const env = sandboxAndBrowser();
const contoso = async () => (await env.sandbox.control.state()).tenants.find((t) => t.id === CONTOSO);
const requests = async () => (await env.sandbox.control.pimRequests(CONTOSO)).filter((r) => r.principalId === PAT);

/** The eligible or active row of a role in My access. */
const roleRow = (popup: Page, kind: 'eligible' | 'active', name: string) =>
  popup.locator(`[data-testid="${kind}-role"][data-role="${name}"]`);

async function activationForm(popup: Page, name: string) {
  const row = roleRow(popup, 'eligible', name);
  await row.waitFor({ timeout: 15_000 });
  const form = row.getByRole('form', { name: `Activate ${name}` });
  const button = row.getByRole('button', { name: 'Activate…' });
  // Opened in place on the role's own page, or by the person's click elsewhere.
  await form.or(button).first().waitFor();
  if (await button.isVisible()) await button.click();
  await form.getByTestId('policy').waitFor();
  return form;
}

describe('a guest in the tenant that invited them', () => {
  it('redeems the invitation in the login and sees My access with the state Accepted', async () => {
    expect((await contoso())?.users.find((u) => u.id === PAT)?.externalUserState).toBe('PendingAcceptance');
    const popup = await env.browser.openPopup();
    await signInAsGuest(env.browser, popup, 'pat@partner.example');
    // A guest is led to their own access, not to the invite form.
    await expect.poll(() => popup.getByRole('tab', { name: 'My access' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => popup.getByTestId('my-identity').textContent(), { timeout: 15_000 }).toContain('invitation Accepted');
    expect(await popup.getByTestId('account-username').textContent()).toBe('pat@partner.example');
    expect((await contoso())?.users.find((u) => u.id === PAT)?.externalUserState).toBe('Accepted');
    const tenants = await popup.getByTestId('my-tenants').textContent();
    expect(tenants).toContain('Contoso');
    expect(tenants).toContain('Partner Ltd');
    await popup.screenshot({ path: join(RESULTS_DIR, 'guest-my-access.png'), fullPage: true });
    await popup.close();
  });

  it('refuses in the form a duration beyond the policy and a missing ticket, sending nothing', async () => {
    const popup = await openPopupOn(env.browser, portal(STORAGE));
    const form = await activationForm(popup, 'Storage Blob Data Reader');
    expect(await form.getByTestId('policy').textContent()).toContain('At most 2 hours');
    await form.getByLabel('Duration (hours)').fill('3');
    await form.getByLabel('Justification').fill('Checking the partner feed');
    await form.getByRole('button', { name: 'Activate' }).click();
    expect(await form.getByRole('alert').textContent()).toBe('This role can be active for at most 2 hours; choose that or less.');

    const reader = await activationForm(popup, 'Reader');
    await reader.getByLabel('Justification').fill('Reviewing the web resources');
    await reader.getByRole('button', { name: 'Activate' }).click();
    expect(await reader.getByRole('alert').textContent()).toContain('asks for a ticket number');
    expect(await requests()).toEqual([]);
    await popup.close();
  });

  it('activates Storage Blob Data Reader on the storage account page for 2 hours, then ends it after the wait ARM imposes', async () => {
    const popup = await openPopupOn(env.browser, portal(STORAGE));
    // In place: the page's roles come first, the first with its form open.
    await expect
      .poll(() => popup.locator('[data-testid="my-eligible"] li').first().getAttribute('data-role'))
      .toMatch(/^Storage Blob Data/);
    const form = await activationForm(popup, 'Storage Blob Data Reader');
    await form.getByLabel('Duration (hours)').fill('2');
    await form.getByLabel('Justification').fill('Checking the partner feed');
    // Azure is busy once, and the sign-in's ARM token has expired: the activation rides both out.
    await env.sandbox.control.addFault({
      host: 'management.azure.com',
      method: 'PUT',
      path: 'roleAssignmentScheduleRequests',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    await env.sandbox.control.expireTokens();
    await form.getByRole('button', { name: 'Activate' }).click();
    const active = roleRow(popup, 'active', 'Storage Blob Data Reader');
    await expect
      .poll(() => active.getByTestId('role-window').textContent(), { timeout: 30_000 })
      .toMatch(/^Active until .+\(activated\)$/);
    const [sent, ...more] = await requests();
    expect(more).toEqual([]);
    expect(sent).toMatchObject({
      requestType: 'SelfActivate',
      justification: 'Checking the partner feed',
      scheduleInfo: { expiration: { type: 'AfterDuration', duration: 'PT2H' } },
    });
    expect((await env.sandbox.control.faultHits()).some((h) => h.status === 429)).toBe(true);
    await popup.screenshot({ path: join(RESULTS_DIR, 'guest-activated.png'), fullPage: true });

    // The person is told the rule; Azure refuses an end in the first five minutes, and the popup says so.
    expect(await active.getByTestId('deactivate-rule').textContent()).toContain('five minutes');
    await active.getByRole('button', { name: 'Deactivate' }).click();
    await expect
      .poll(() => active.getByTestId('activation-state').textContent(), { timeout: 20_000 })
      .toContain('does not end an activation in its first five minutes');
    await env.sandbox.control.minimumActiveSeconds(0);
    await active.getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => active.count(), { timeout: 20_000 }).toBe(0);
    const ended = (await requests()).filter((r) => r.requestType === 'SelfDeactivate');
    expect(ended.map((r) => r.status)).toContain('Revoked');
    await popup.close();
  });

  it('shows a role that needs approval as pending until it is approved, then active', async () => {
    const popup = await openPopupOn(env.browser, portal(WEB_APP));
    const form = await activationForm(popup, 'Website Contributor');
    expect(await form.getByTestId('policy').textContent()).toContain('needs approval');
    await form.getByLabel('Duration (hours)').fill('1');
    await form.getByLabel('Justification').fill('Deploying the partner fix');
    await form.getByRole('button', { name: 'Request activation' }).click();
    const row = roleRow(popup, 'eligible', 'Website Contributor');
    await expect
      .poll(() => row.getByTestId('activation-state').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('pending-approval');
    const pending = (await requests()).find((r) => r.status === 'PendingApproval');
    expect(pending).toBeDefined();
    expect(await roleRow(popup, 'active', 'Website Contributor').count()).toBe(0);
    await env.sandbox.control.approveRequest(CONTOSO, pending?.name ?? '');
    // The background watches the request; the open popup shows the role active once it learns of the approval.
    await expect
      .poll(() => roleRow(popup, 'active', 'Website Contributor').getByTestId('role-window').textContent(), { timeout: 60_000 })
      .toMatch(/^Active until/);
    await expect.poll(() => row.getByTestId('activation-state').count(), { timeout: 30_000 }).toBe(0);
    await popup.close();
  });

  it('finishes an activation once, whatever stops the worker while it is sent', async () => {
    await env.sandbox.control.addFault({
      host: 'management.azure.com',
      method: 'PUT',
      path: 'roleAssignmentScheduleRequests',
      latencyMs: 2500,
      times: 1,
    });
    const popup = await openPopupOn(env.browser, portal(RG_WEB));
    const form = await activationForm(popup, 'Reader');
    await form.getByLabel('Justification').fill('Reviewing the web resources');
    await form.getByLabel('Ticket number').fill('CHG-1042');
    await form.getByLabel('Ticket system').fill('ServiceNow');
    await form.getByRole('button', { name: 'Activate' }).click();
    await roleRow(popup, 'eligible', 'Reader').getByTestId('activation-state').waitFor();
    await popup.close();
    await stopServiceWorker(env.browser, await env.browser.context.newPage());
    await env.sandbox.control.clearFaults();
    const again = await openPopupOn(env.browser, portal(RG_WEB));
    expect(await workerRestarted(env.browser)).toBe(true);
    await expect
      .poll(() => roleRow(again, 'active', 'Reader').getByTestId('role-window').textContent(), { timeout: 60_000 })
      .toMatch(/^Active until/);
    const readers = (await requests()).filter((r) => r.requestType === 'SelfActivate' && r.scope === RG_WEB);
    expect(readers).toHaveLength(1);
    expect(readers[0]).toMatchObject({ ticketInfo: { ticketNumber: 'CHG-1042', ticketSystem: 'ServiceNow' } });
    await again.close();
  });

  it('meets the claims challenge of a role that asks for an authentication context, then activates it once', async () => {
    const popup = await openPopupOn(env.browser, portal(STORAGE));
    const form = await activationForm(popup, 'Storage Blob Data Contributor');
    expect(await form.getByTestId('policy').textContent()).toContain('asks you to confirm your sign-in');
    await form.getByLabel('Duration (hours)').fill('1');
    await form.getByLabel('Justification').fill('Fixing the partner feed');
    await form.getByRole('button', { name: 'Activate' }).click();
    const row = roleRow(popup, 'eligible', 'Storage Blob Data Contributor');
    const confirm = row.getByRole('button', { name: 'Confirm sign-in and activate' });
    await confirm.waitFor({ timeout: 20_000 });
    expect(await row.getByTestId('activation-state').textContent()).toContain('asks you to confirm your sign-in');
    const authWindow = env.browser.context.waitForEvent('page', (p) => p.url().startsWith('https://login.microsoftonline.com/'));
    await confirm.click();
    const auth = await authWindow;
    // A fresh sign-in is what meets the authentication context in the sandbox.
    await auth.getByLabel('Email or phone').fill('pat@partner.example');
    await auth.getByLabel('Password').fill(PASSWORD);
    const closed = auth.waitForEvent('close', { timeout: 30_000 });
    await auth.getByRole('button', { name: 'Sign in' }).click();
    await closed;
    await expect
      .poll(() => roleRow(popup, 'active', 'Storage Blob Data Contributor').getByTestId('role-window').textContent(), {
        timeout: 30_000,
      })
      .toMatch(/^Active until .+\(activated\)$/);
    const contributor = (await requests()).filter(
      (r) => r.requestType === 'SelfActivate' && r.roleDefinitionId === 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
    );
    expect(contributor.map((r) => r.status)).toEqual(['Provisioned']);
    await popup.close();
  });

  it('lists the Power BI apps the guest can open, with the licence path of each, the page’s app first', async () => {
    const popup = await openPopupOn(env.browser, `https://app.powerbi.com/groups/me/apps/${FINANCE_APP}?ctid=${CONTOSO}`);
    const apps = popup.getByTestId('my-apps');
    await expect.poll(() => apps.locator('li').count(), { timeout: 15_000 }).toBe(2);
    expect(await apps.locator('li').first().getAttribute('data-app')).toBe('Finance Reporting');
    const path = (name: string) => apps.locator(`li[data-app="${name}"]`).getByTestId('my-license-path').textContent();
    expect(await path('Finance Reporting')).toBe('No license needed');
    expect(await path('Model Lab')).toBe('No Power BI license is assigned to you here');
    expect(await apps.locator('li[data-app="Model Lab"]').textContent()).toContain('cannot be checked from here');
    expect(await popup.getByTestId('my-groups').textContent()).toContain('Partner analysts (PPU)');
    await popup.screenshot({ path: join(RESULTS_DIR, 'guest-powerbi.png'), fullPage: true });
    await popup.close();
  });
});
