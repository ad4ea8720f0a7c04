import { describe, expect, it } from 'vitest';
import { inviteFormIn, moreOptionsIn, openPopupOn, signInThroughPopup, signOutInPopup, waitForPageReported } from './harness.ts';
import { PASSWORD, sandboxAndBrowser } from './sandbox.ts';

const SUB = '11111111-2222-4333-8444-555555555555';
const STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01`;

const env = sandboxAndBrowser();

const popupFor = (url: string) => openPopupOn(env.browser, url);

describe('page context, options and sign-out', () => {
  it('says which Azure resource the portal page shows, with names from ARM, and redirects there', async () => {
    const first = await env.browser.openPopup();
    await signInThroughPopup(env.browser, first, 'adele@contoso.example', PASSWORD);
    await first.close();
    const url = `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${STORAGE}/overview`;
    const popup = await popupFor(url);
    await expect
      .poll(() => popup.getByTestId('page-context').textContent())
      .toBe('Storage account stdata01 · resource group rg-data · subscription Contoso Prod');
    expect(await popup.getByLabel('After accepting, open').inputValue()).toBe(url);
    await popup.close();
  });

  it('follows in-page navigation in the portal', async () => {
    const portal = await env.browser.context.newPage();
    await portal.goto(`https://portal.azure.com/#@contoso.onmicrosoft.com/resource${STORAGE}/overview`);
    await portal.evaluate((sub) => {
      location.hash = `#@contoso.onmicrosoft.com/resource/subscriptions/${sub}/resourceGroups/rg-web/overview`;
    }, SUB);
    await portal.bringToFront();
    await waitForPageReported(env.browser, portal.url());
    const popup = await env.browser.openPopup();
    await expect
      .poll(() => popup.getByTestId('page-context').textContent())
      .toBe('Resource group rg-web · subscription Contoso Prod');
    await popup.close();
  });

  it('lets a Guest Inviter invite and refuses a Member invitation with a reason', async () => {
    const popup = await env.browser.openPopup();
    await inviteFormIn(popup);
    await popup.getByLabel('E-mail address').fill('member@partner.example');
    await moreOptionsIn(popup);
    await popup.getByLabel('Member', { exact: true }).check();
    await popup.getByRole('button', { name: 'Invite' }).click();
    await expect
      .poll(() => popup.getByRole('alert').textContent())
      .toContain('Only an administrator can invite someone as a Member');
    // Nothing typed is lost: the person can switch to Guest and send.
    expect(await popup.getByLabel('E-mail address').inputValue()).toBe('member@partner.example');
    await popup.getByLabel('Guest', { exact: true }).check();
    await popup.getByRole('button', { name: 'Invite' }).click();
    await popup.getByTestId('guest-state').waitFor();
    await popup.close();
  });

  it('checks the options before saving them', async () => {
    const options = await env.browser.context.newPage();
    await options.goto(`chrome-extension://${env.browser.extensionId}/src/options/index.html`);
    await options.getByLabel('Microsoft (your tenant)').check();
    await options.getByLabel('Tenant id or domain').fill('contoso.onmicrosoft.com');
    await options.getByLabel('Application (client) ID').fill('not-a-guid');
    await expect.poll(() => options.getByText('The client id must be the GUID').count()).toBe(1);
    expect(await options.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await options.getByLabel('Sandbox cloud').check();
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByText('Saved. Sign in again').waitFor();
    await options.close();
  });

  it('signs out', async () => {
    const popup = await env.browser.openPopup();
    await signOutInPopup(popup);
    await popup.getByRole('button', { name: 'Sign in' }).waitFor();
    await popup.reload();
    await popup.getByRole('button', { name: 'Sign in' }).waitFor();
    await popup.close();
  });
});
