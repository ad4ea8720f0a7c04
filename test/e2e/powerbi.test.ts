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
  it('invites to a shared-capacity app with Power BI Pro ticked, the usage location preset from the tenant', async () => {
    const popup = await popupOn(appUrl(SALES_APP));
    expect(await popup.getByTestId('pbi-title').textContent()).toBe('Sales Analytics app · workspace Sales Analytics');
    await expect.poll(() => popup.getByTestId('audience-group').textContent()).toContain('Sales Analytics viewers');
    expect(await popup.getByTestId('license-path').textContent()).toContain('Pro license needed: 3 free in this tenant');
    await popup.getByLabel('E-mail address').fill('ana@partner.example');
    // The path needs Pro and the tenant has units free: the licence may be part of the invitation, in the tenant's country.
    await popup.getByLabel('Assign Power BI Pro').check();
    const country = popup.getByLabel('Usage location', { exact: true });
    await expect.poll(() => country.inputValue()).toBe('NL');
    expect(await country.locator('option:checked').textContent()).toBe('Netherlands');
    await popup.getByRole('button', { name: 'Invite' }).click();
    const card = popup.getByTestId('powerbi-grant');
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('Added to Sales Analytics viewers');
    // Power BI refreshes a new viewer's permissions in about two minutes: the card says so rather than promise more.
    expect(await card.getByTestId('powerbi-may-wait').textContent()).toContain('may wait a few minutes');
    await expect
      .poll(() => popup.getByTestId('guest-license-path').textContent(), { timeout: 15_000 })
      .toBe('Power BI Pro assigned in this tenant');
    const ana = await user('ana@partner.example');
    expect(ana).toMatchObject({ userType: 'Guest', usageLocation: 'NL', assignedLicenses: [{ skuId: PRO }] });
    expect((await contoso())?.groups.find((g) => g.id === SALES_GROUP)?.members).toContain(ana?.id);
    await popup.close();
  });

  it('asks for a usage location on the card as a question, and Activity never lists a failed licence', async () => {
    const popup = await popupOn(appUrl(SALES_APP));
    await popup.getByLabel('E-mail address').fill('bo@partner.example');
    expect(await popup.getByLabel('Assign Power BI Pro').isChecked()).toBe(false);
    await popup.getByRole('button', { name: 'Invite' }).click();
    await expect
      .poll(() => popup.getByTestId('guest-license-path').textContent(), { timeout: 15_000 })
      .toMatch(/^Pro license needed: \d+ free in this tenant$/);
    await popup.getByRole('button', { name: 'Assign Power BI Pro' }).click();
    // The guest has no usage location: the card asks, proposing the tenant's country, and nothing is shown as failed.
    await popup.getByTestId('license-asks-country').waitFor({ timeout: 15_000 });
    const country = popup.getByLabel('Usage location', { exact: true });
    await expect.poll(() => country.inputValue()).toBe('NL');
    expect(await popup.getByRole('alert').count()).toBe(0);
    await popup.getByRole('tab', { name: 'Activity' }).click();
    await expect
      .poll(() => popup.getByTestId('activity-waiting').textContent(), { timeout: 15_000 })
      .toContain('Waiting for a country');
    expect(await popup.getByTestId('activity-list').locator('li[data-outcome="failed"]').count()).toBe(0);
    await popup.getByRole('tab', { name: 'Invite', exact: true }).click();
    await popup.getByLabel('Usage location', { exact: true }).selectOption({ label: 'Belgium' });
    await popup.getByRole('button', { name: 'Assign Power BI Pro' }).click();
    await expect
      .poll(() => popup.getByTestId('guest-license-path').textContent(), { timeout: 15_000 })
      .toBe('Power BI Pro assigned in this tenant');
    expect(await user('bo@partner.example')).toMatchObject({ usageLocation: 'BE', assignedLicenses: [{ skuId: PRO }] });
    await popup.getByRole('tab', { name: 'Activity' }).click();
    await expect
      .poll(() => popup.getByTestId('activity-list').textContent(), { timeout: 15_000 })
      .toContain('bo@partner.example · succeeded');
    expect(await popup.getByTestId('activity-list').locator('li[data-outcome="failed"]').count()).toBe(0);
    expect(await popup.getByTestId('activity-waiting').count()).toBe(0);
    await popup.close();
  });

  it('assigns Pro once when Graph throttles the assignment with a Retry-After', async () => {
    await env.sandbox.control.addFault({
      host: 'graph.microsoft.com',
      method: 'POST',
      path: '/assignLicense$',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    const popup = await popupOn(appUrl(SALES_APP));
    await popup.getByLabel('E-mail address').fill('cy@partner.example');
    await popup.getByLabel('Assign Power BI Pro').check();
    await expect.poll(() => popup.getByLabel('Usage location', { exact: true }).inputValue()).toBe('NL');
    await popup.getByRole('button', { name: 'Invite' }).click();
    await expect
      .poll(() => popup.getByTestId('guest-license-path').textContent(), { timeout: 20_000 })
      .toBe('Power BI Pro assigned in this tenant');
    expect(await popup.getByRole('alert').count()).toBe(0);
    expect((await env.sandbox.control.faultHits()).map((h) => h.status)).toEqual([429]);
    const cy = await user('cy@partner.example');
    expect(cy?.assignedLicenses?.map((l) => l.skuId)).toEqual([PRO]);
    const changes = (await contoso())?.audits?.filter(
      (a) => a.activityDisplayName === 'Change user license' && a.targetResources.some((r) => r.id === cy?.id),
    );
    expect(changes).toHaveLength(1);
    await env.sandbox.control.clearFaults();
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
