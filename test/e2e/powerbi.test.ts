import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { inviteFormIn, openPopupOn, signInAs, signInThroughPopup } from './harness.ts';
import { CONTOSO, PASSWORD, SALES_APP, sandboxAndBrowser } from './sandbox.ts';

const FINANCE_APP = '6f8d2b4c-9e3a-4d7f-8b2c-3d4e5f6a7b8c';
const SALES_GROUP = '0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';
const PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
const appUrl = (app: string) =>
  `https://app.powerbi.com/groups/me/apps/${app}/reports/0f4e3d2c-1b0a-4987-8654-3210fedcba98?ctid=${CONTOSO}`;

const env = sandboxAndBrowser();

const contoso = async () => (await env.sandbox.control.state()).tenants.find((t) => t.id === CONTOSO);
const user = async (mail: string) => (await contoso())?.users.find((u) => u.mail === mail);

async function popupOn(url: string): Promise<Page> {
  const popup = await openPopupOn(env.browser, url);
  // The last invitation's result card shows until the person asks for the form again.
  await inviteFormIn(popup);
  await popup.getByTestId('pbi-title').waitFor();
  return popup;
}

beforeAll(async () => {
  const popup = await env.browser.openPopup();
  await signInThroughPopup(env.browser, popup, 'megan@contoso.example', PASSWORD);
  await popup.close();
});

describe('Power BI app publishers', () => {
  it('invites to a shared-capacity app, joins its audience group and assigns Pro after asking for a usage location', async () => {
    const popup = await popupOn(appUrl(SALES_APP));
    expect(await popup.getByTestId('pbi-title').textContent()).toBe('Sales Analytics app · workspace Sales Analytics');
    await expect.poll(() => popup.getByTestId('audience-group').textContent()).toContain('Sales Analytics viewers');
    expect(await popup.getByTestId('license-path').textContent()).toContain('Pro license needed: 3 free in this tenant');
    await inviteFormIn(popup);
    await popup.getByLabel('E-mail address').fill('ana@partner.example');
    await popup.getByRole('button', { name: 'Invite' }).click();
    const card = popup.getByTestId('powerbi-grant');
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('Added to Sales Analytics viewers');
    // Power BI refreshes a new viewer's permissions in about two minutes: the card says so rather than promise more.
    expect(await card.getByTestId('powerbi-may-wait').textContent()).toContain('may wait a few minutes');
    expect(await popup.getByTestId('guest-license-path').textContent()).toBe('Pro license needed: 3 free in this tenant');
    await popup.getByRole('button', { name: 'Assign Power BI Pro' }).click();
    await popup.getByLabel('Usage location (two-letter country code)').fill('nl');
    await popup.getByRole('button', { name: 'Assign Power BI Pro' }).click();
    await expect.poll(() => popup.getByTestId('guest-license-path').textContent()).toBe('Power BI Pro assigned in this tenant');
    const ana = await user('ana@partner.example');
    expect(ana).toMatchObject({ userType: 'Guest', usageLocation: 'NL', assignedLicenses: [{ skuId: PRO }] });
    expect((await contoso())?.groups.find((g) => g.id === SALES_GROUP)?.members).toContain(ana?.id);
    await popup.close();
  });

  it('says no licence is needed for an app in a Premium workspace, and why', async () => {
    const popup = await popupOn(appUrl(FINANCE_APP));
    await expect.poll(() => popup.getByTestId('license-path').textContent()).toContain('No license needed to view');
    expect(await popup.getByTestId('license-path').textContent()).toContain('Contoso Premium P1 (P1)');
    await popup.close();
  });

  it('resends to an existing guest and grants the app without creating a second user', async () => {
    const before = (await contoso())?.users.length;
    const popup = await popupOn(appUrl(SALES_APP));
    await inviteFormIn(popup);
    await popup.getByLabel('E-mail address').fill('pat@partner.example');
    await popup.getByRole('button', { name: 'Resend invitation' }).click();
    await expect
      .poll(() => popup.getByTestId('powerbi-grant').textContent(), { timeout: 15_000 })
      .toContain('Added to Sales Analytics viewers');
    expect((await contoso())?.users.length).toBe(before);
    await popup.close();
  });

  it('rides out throttling by Graph and Power BI during the flow', async () => {
    await env.sandbox.control.addFault({
      host: 'graph.microsoft.com',
      method: 'POST',
      path: '/members/\\$ref$',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    await env.sandbox.control.addFault({
      host: 'api.powerbi.com',
      method: 'GET',
      path: '^/v1.0/myorg/groups/',
      status: 429,
      retryAfterSeconds: 1,
      times: 2,
    });
    const popup = await popupOn(appUrl(SALES_APP));
    await inviteFormIn(popup);
    await popup.getByLabel('E-mail address').fill('busy@partner.example');
    await popup.getByRole('button', { name: 'Invite' }).click();
    await expect
      .poll(() => popup.getByTestId('powerbi-grant').textContent(), { timeout: 20_000 })
      .toContain('Added to Sales Analytics viewers');
    expect(await popup.getByRole('alert').count()).toBe(0);
    expect((await env.sandbox.control.faultHits()).length).toBe(3);
    await popup.close();
  });

  it('lets a publisher without admin rights pick the audience group once, and remembers it', async () => {
    const first = await env.browser.openPopup();
    await signInAs(env.browser, first, 'adele@contoso.example', PASSWORD);
    await first.close();
    const popup = await popupOn(appUrl(SALES_APP));
    // Found as it is typed, by a word inside the name: no button to press.
    await popup.getByLabel('Group this app is published to').fill('viewers');
    await popup.getByRole('button', { name: 'Sales Analytics viewers' }).click();
    await popup.close();
    const again = await popupOn(appUrl(SALES_APP));
    await expect.poll(() => again.getByTestId('audience-group').textContent()).toContain('Sales Analytics viewers');
    await again.close();
  });
});
