import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inviteFormIn, openPopupOn, signInThroughPopup, signOutInPopup } from './harness.ts';
import { CONTOSO, PASSWORD, RESULTS_DIR, sandboxAndBrowser } from './sandbox.ts';

/**
 * Queued work belongs to the admin who confirmed it (issue 21, item 1): admin A's invitation with a role waits for
 * Azure to see the guest; A signs out; admin B signs in on the same browser. Nothing of A's is sent with B's token,
 * B sees it as A's and unsent (never A's result or draft), and only B's own confirmation makes it B's.
 */
const RG = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data';
const PORTAL = `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${RG}/overview`;
const env = sandboxAndBrowser();

const contoso = async () => (await env.sandbox.control.state()).tenants.find((t) => t.id === CONTOSO);
/** Every role the guest holds or was asked for at ARM: assignments, eligibilities, and PIM's requests. */
async function armTouched(mail: string): Promise<number> {
  const t = await contoso();
  const id = t?.users.find((u) => u.mail === mail)?.id;
  const requests = await env.sandbox.control.pimRequests(CONTOSO);
  return (
    (t?.azure?.roleAssignments.filter((a) => a.principalId === id).length ?? 0) +
    (t?.azure?.eligibilitySchedules.filter((e) => e.principalId === id).length ?? 0) +
    requests.filter((r) => r.principalId === id).length
  );
}

async function queueAsMegan(mail: string) {
  // Azure does not see the new guest for ten minutes: the role step waits, queued in this browser.
  await env.sandbox.control.principalReplication(10 * 60_000);
  const popup = await openPopupOn(env.browser, PORTAL);
  const signIn = popup.getByRole('button', { name: 'Sign in' });
  const username = popup.getByTestId('account-username');
  await signIn.or(username).first().waitFor();
  if ((await username.isVisible()) && (await username.textContent()) !== 'megan@contoso.example') {
    await signOutInPopup(popup);
    await signIn.waitFor();
  }
  if (await signIn.isVisible()) await signInThroughPopup(env.browser, popup, 'megan@contoso.example', PASSWORD);
  await inviteFormIn(popup);
  await popup.getByLabel('Reader', { exact: true }).check();
  await popup.getByLabel('E-mail address').fill(mail);
  await popup.getByRole('button', { name: 'Invite' }).click();
  await expect
    .poll(() => popup.locator('main').textContent(), { timeout: 45_000 })
    .toContain('Azure can take a moment to see a new guest');
  return popup;
}

async function adeleSignsInAfter(popup: Awaited<ReturnType<typeof queueAsMegan>>) {
  await signOutInPopup(popup);
  // From now on, a role sent for the guest would go through at once.
  await env.sandbox.control.principalReplication(0);
  await signInThroughPopup(env.browser, popup, 'adele@contoso.example', PASSWORD);
  const queued = popup.getByTestId('queued-by-others');
  await expect.poll(() => queued.textContent(), { timeout: 15_000 }).toContain('Queued by megan@contoso.example');
  return queued;
}

describe('queued work and the account that confirmed it', () => {
  it("sends nothing of A's with B's sign-in; B sees it as A's, discards it, and A reads why", async () => {
    const mail = 'queued-a@partner.example';
    const popup = await queueAsMegan(mail);
    const queued = await adeleSignsInAfter(popup);
    expect(await queued.textContent()).toContain('Give Reader');
    // B's Invite tab is B's: a blank form, not A's result card with the guest's redeem link.
    await popup.getByLabel('E-mail address').waitFor();
    expect(await popup.getByLabel('E-mail address').inputValue()).toBe('');
    expect(await popup.getByTestId('azure-assignment').count()).toBe(0);
    await popup.screenshot({ path: join(RESULTS_DIR, 'popup-queued-by-other.png') });
    await queued.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => popup.getByTestId('queued-by-others').count()).toBe(0);
    expect(await armTouched(mail)).toBe(0);
    // A comes back: the role was never given, and A's Activity says who discarded it.
    await signOutInPopup(popup);
    await signInThroughPopup(env.browser, popup, 'megan@contoso.example', PASSWORD);
    await popup.getByRole('tab', { name: 'Activity' }).click();
    await expect
      .poll(() => popup.getByTestId('activity-list').textContent(), { timeout: 15_000 })
      .toContain('Not sent: discarded by adele@contoso.example.');
    expect(await armTouched(mail)).toBe(0);
    await popup.close();
  });

  it("runs A's queued role as B only after B confirms, with B's own rights", async () => {
    const mail = 'queued-b@partner.example';
    const popup = await queueAsMegan(mail);
    const queued = await adeleSignsInAfter(popup);
    await queued.getByRole('button', { name: 'Run as me…' }).click();
    expect(await queued.textContent()).toContain('Send this as adele@contoso.example?');
    expect(await armTouched(mail)).toBe(0);
    await queued.getByRole('button', { name: 'Confirm: run as me' }).click();
    await expect.poll(() => popup.getByTestId('queued-by-others').count()).toBe(0);
    // Now B's: B's popup follows it, and ARM judges it by B's rights (Adele only reads the subscription).
    await expect
      .poll(() => popup.locator('main').textContent(), { timeout: 90_000, interval: 1000 })
      .toContain('Give Reader (Azure): not done.');
    expect(await armTouched(mail)).toBe(0);
    await popup.close();
  });

  it("ends A's unsent work when A signs out clearing this browser's data, and says so first", async () => {
    const mail = 'queued-c@partner.example';
    const popup = await queueAsMegan(mail);
    await popup.getByRole('button', { name: 'Sign out', exact: true }).click();
    await popup.getByLabel("Also clear this browser's data for this account", { exact: false }).check();
    await expect
      .poll(() => popup.getByTestId('sign-out-unsent').textContent())
      .toContain('Clearing also ends 1 thing(s) you queued that were not sent');
    await popup.getByRole('button', { name: 'Confirm sign-out' }).click();
    await env.sandbox.control.principalReplication(0);
    await signInThroughPopup(env.browser, popup, 'adele@contoso.example', PASSWORD);
    // Adele's own last result (the role she ran as herself above) may show first: her form is one click away.
    await inviteFormIn(popup);
    expect(await popup.getByTestId('queued-by-others').count()).toBe(0);
    expect(await armTouched(mail)).toBe(0);
    await popup.close();
  });
});
