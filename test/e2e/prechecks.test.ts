import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { inviteFormIn, moreOptionsIn, openPopupOn, signInAs, signInThroughPopup } from './harness.ts';
import { CONTOSO, PASSWORD, sandboxAndBrowser } from './sandbox.ts';
import { PAGES } from './views.ts';

const env = sandboxAndBrowser();

const users = async () => (await env.sandbox.control.state()).tenants.find((t) => t.id === CONTOSO)?.users ?? [];

/** The toolbar popup's size: what a person sees without scrolling. */
const POPUP = { width: 400, height: 600 };

/** Whether `what` lies wholly within the popup's window, clear of the action bar at its foot. */
async function inView(popup: Page, what: Locator): Promise<boolean> {
  const box = await what.boundingBox();
  const bar = await popup.getByTestId('action-bar').boundingBox();
  return !!box && !!bar && box.y >= 0 && box.y + box.height <= bar.y;
}

describe('pre-checks before anything is sent', () => {
  it('offers to resend, not to create, when the address is already a pending guest', async () => {
    const popup = await env.browser.openPopup();
    await signInThroughPopup(env.browser, popup, 'megan@contoso.example', PASSWORD);
    const before = (await users()).length;
    await inviteFormIn(popup);
    await popup.getByLabel('E-mail address').fill('pat@partner.example');
    await expect
      .poll(() => popup.getByTestId('existing-user').textContent())
      .toContain('already a guest here and has not accepted');
    await popup.getByRole('button', { name: 'Resend invitation' }).click();
    await expect
      .poll(() => popup.getByRole('heading', { level: 2 }).textContent())
      .toBe('pat@partner.example is already a guest here');
    expect((await users()).length).toBe(before);
    await popup.close();
  });

  it('resets the redemption of a guest who accepted, keeping the same user', async () => {
    const popup = await env.browser.openPopup();
    await inviteFormIn(popup);
    await popup.getByLabel('E-mail address').fill('kim@fabrikam.example');
    await expect.poll(() => popup.getByTestId('existing-user').textContent()).toContain('has accepted the invitation');
    await popup.getByRole('button', { name: 'Reset redemption' }).click();
    await popup.getByTestId('guest-state').waitFor();
    const kim = (await users()).find((u) => u.mail === 'kim@fabrikam.example');
    expect(kim).toMatchObject({ id: 'a5e4c8f6-1b7d-4e95-9fa6-4c2d5b6a7f8e', externalUserState: 'PendingAcceptance' });
    await popup.close();
  });

  it('drops a pre-check and its Reset button the moment the address changes', async () => {
    const popup = await env.browser.openPopup();
    await inviteFormIn(popup);
    await popup.getByLabel('E-mail address').fill('kim@fabrikam.example');
    await popup.getByRole('button', { name: 'Reset redemption' }).waitFor();
    // Graph answers the next look-up slowly, so only dropping the old answer can clear the button in time.
    await env.sandbox.control.addFault({ host: 'graph.microsoft.com', method: 'GET', path: '^/v1.0/users', latencyMs: 4000 });
    await inviteFormIn(popup);
    await popup.getByLabel('E-mail address').fill('someone-else@partner.example');
    await expect.poll(() => popup.getByRole('button', { name: 'Reset redemption' }).count(), { timeout: 2000 }).toBe(0);
    expect(await popup.getByTestId('existing-user').count()).toBe(0);
    await env.sandbox.control.clearFaults();
    await popup.close();
  });

  it('says an address of this organization belongs to a member and does not send', async () => {
    const popup = await env.browser.openPopup();
    await inviteFormIn(popup);
    await popup.getByLabel('E-mail address').fill('lee@contoso.example');
    await expect.poll(() => popup.getByTestId('existing-user').textContent()).toContain('is a member of your organization');
    expect(await popup.getByRole('button', { name: 'Invite' }).isDisabled()).toBe(true);
    expect(await popup.getByTestId('action-sentence').textContent()).toBe(
      'lee@contoso.example is a member of your organization: there is no one to invite.',
    );
    await popup.close();
  });

  it('answers an Invite click on a wrong address at the address: its problem shown, the field focused, in view', async () => {
    const popup = await openPopupOn(env.browser, PAGES.azure);
    await popup.setViewportSize(POPUP);
    await inviteFormIn(popup);
    await popup.getByLabel('E-mail address').fill('bad#name@partner.example');
    await popup.getByLabel('Storage Blob Data Reader').waitFor();
    await moreOptionsIn(popup);
    // The person has scrolled down to the button, away from the address.
    await popup.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await popup.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await popup.getByRole('button', { name: 'Invite' }).click();
    const problem = popup.locator('#email-verdicts [role=alert]');
    await expect.poll(() => problem.textContent()).toContain('does not accept "#"');
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('email');
    expect(await inView(popup, problem)).toBe(true);
    expect(await inView(popup, popup.getByLabel('E-mail address'))).toBe(true);
    await popup.close();
  });

  it('shows a refused invitation beside the address, focused and read out, without scrolling away from it', async () => {
    const popup = await openPopupOn(env.browser, PAGES.azure);
    await popup.setViewportSize(POPUP);
    await inviteFormIn(popup);
    await popup.getByLabel('E-mail address').fill('eve@blocked.example');
    await popup.getByRole('button', { name: 'Invite' }).click();
    const refusal = popup.getByTestId('refusal');
    await expect.poll(() => refusal.textContent(), { timeout: 20_000 }).toContain('collaboration restrictions');
    expect(await refusal.getByRole('alert').count()).toBe(1);
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('refusal');
    expect(await inView(popup, refusal)).toBe(true);
    // Beside the address: nothing else between the field and the reason.
    const field = await popup.getByLabel('E-mail address').boundingBox();
    const reason = await refusal.boundingBox();
    expect((reason?.y ?? 0) - ((field?.y ?? 0) + (field?.height ?? 0))).toBeLessThan(24);
    expect(await popup.getByLabel('E-mail address').inputValue()).toBe('eve@blocked.example');
    expect((await users()).some((u) => u.mail === 'eve@blocked.example')).toBe(false);
    await popup.close();
  });

  it('tells a member the tenant does not let them invite, before anything is sent', async () => {
    const popup = await env.browser.openPopup();
    await signInAs(env.browser, popup, 'lee@contoso.example', PASSWORD);
    await expect
      .poll(() => popup.getByTestId('invite-permission').textContent())
      .toContain('lets only administrators and people with the Guest Inviter role invite guests');
    await inviteFormIn(popup);
    await popup.getByLabel('E-mail address').fill('ana@partner.example');
    expect(await popup.getByRole('button', { name: 'Invite' }).isDisabled()).toBe(true);
    expect(await popup.getByTestId('action-sentence').textContent()).toBe(
      'You cannot invite: your organization does not let you invite guests (see above).',
    );
    expect((await users()).some((u) => u.mail === 'ana@partner.example')).toBe(false);
    await popup.close();
  });
});
