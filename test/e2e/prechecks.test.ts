import { describe, expect, it } from 'vitest';
import { inviteFormIn, signInAs, signInThroughPopup } from './harness.ts';
import { CONTOSO, PASSWORD, sandboxAndBrowser } from './sandbox.ts';

const env = sandboxAndBrowser();

const users = async () => (await env.sandbox.control.state()).tenants.find((t) => t.id === CONTOSO)?.users ?? [];

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
    expect((await users()).some((u) => u.mail === 'ana@partner.example')).toBe(false);
    await popup.close();
  });
});
