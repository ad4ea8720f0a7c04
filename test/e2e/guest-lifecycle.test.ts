import { describe, expect, it } from 'vitest';
import { openGuestCard, openPopupOn, signInThroughPopup } from './harness.ts';
import { CONTOSO, PASSWORD, SALES_APP, sandboxAndBrowser } from './sandbox.ts';

const MEGAN = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
const RAFAEL = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const RAFAEL_MAIL = 'rafael@relecloud.example';
const DAY = 86_400_000;
const STORAGE =
  '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01';
const PORTAL_PAGE = `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${STORAGE}/overview`;
const appUrl = `https://app.powerbi.com/groups/me/apps/${SALES_APP}/reports/0f4e3d2c-1b0a-4987-8654-3210fedcba98?ctid=${CONTOSO}`;
const env = sandboxAndBrowser();

/**
 * Megan sponsors Rafael (a guest of Relecloud) and is the tenant's Global Administrator; the seed's guest lifecycle
 * policy asks sponsors to attest every 90 days. The seed tenant has no Microsoft Entra ID Governance.
 */
describe('Sponsors keep guests honest (issue 27)', () => {
  it('without Microsoft Entra ID Governance says so, still shows sponsors and sign-in, and attesting sends nothing', async () => {
    const first = await env.browser.openPopup();
    await signInThroughPopup(env.browser, first, 'megan@contoso.example', PASSWORD);
    await first.close();
    const popup = await openGuestCard(env.browser, appUrl, RAFAEL_MAIL);
    const lifecycle = popup.getByTestId('guest-lifecycle');
    await expect
      .poll(() => lifecycle.getByTestId('lifecycle-unlicensed').textContent(), { timeout: 20_000 })
      .toContain('Guest lifecycle policies need Microsoft Entra ID Governance');
    expect(await lifecycle.textContent()).toContain('Sponsors: 1');
    expect(await lifecycle.textContent()).toContain('Never signed in');

    await lifecycle.getByRole('button', { name: 'Attest that Rafael Costa still needs access' }).click();
    expect(await lifecycle.getByRole('alert').textContent()).toContain('needs Microsoft Entra ID Governance');
    expect(await popup.getByTestId('guest-changes').count()).toBe(0);
    expect(await env.sandbox.control.attestations(CONTOSO)).toEqual([]);

    await popup.close();

    // The Guests tab says the same of the tenant's policies.
    const start = await openPopupOn(env.browser, appUrl);
    await start.getByRole('tab', { name: 'Guests' }).click();
    await start.getByRole('button', { name: 'Guest lifecycle policies' }).click();
    await expect
      .poll(() => start.getByTestId('lifecycle-policies').textContent(), { timeout: 20_000 })
      .toContain('Guest lifecycle policies need Microsoft Entra ID Governance');
    await start.close();
  });

  it('a sponsor sees the attestation due, attests in place; the sandbox records it by them; Activity lists it', async () => {
    const c = env.sandbox.control;
    await c.setIdGovernance(CONTOSO, true);
    // Rafael was last attested 80 days ago: the next attestation is due in 10 days.
    await c.addAttestation(CONTOSO, { userId: RAFAEL, by: MEGAN, at: new Date(Date.now() - 80 * DAY).toISOString() });
    // The attestation meets a 503 once: sent again, it is one attestation (a resend is harmless: attest is idempotent).
    await c.addFault({
      host: 'graph.microsoft.com',
      method: 'POST',
      path: 'identityGovernance\\.attest$',
      status: 503,
      times: 1,
    });
    const started = Date.now();

    const popup = await openPopupOn(env.browser, appUrl);
    await popup.getByRole('tab', { name: 'Guests' }).click();
    await popup.getByRole('button', { name: 'Guest lifecycle policies' }).click();
    await expect
      .poll(() => popup.getByTestId('lifecycle-policy').first().textContent(), { timeout: 20_000 })
      .toContain('Guests attest every 90 days by their sponsors');
    expect(await popup.getByTestId('lifecycle-policy').first().textContent()).toContain(
      'guests out of compliance are disabled after 30 days, then deleted after 30 more',
    );
    await popup.close();

    const card = await openGuestCard(env.browser, appUrl, RAFAEL_MAIL);
    const standing = card.getByTestId('guest-standing');
    await standing.waitFor({ timeout: 20_000 });
    const before = (await standing.textContent()) ?? '';
    expect(before).toContain('Attestation due on');
    expect(before).toContain('Inactive: never signed in');

    const attest = 'Attest that Rafael Costa still needs access';
    await card.getByRole('button', { name: attest }).click();
    const sentence = card.getByRole('group', { name: attest });
    expect(await sentence.textContent()).toContain('You attest that Rafael Costa still needs access');
    await sentence.getByRole('button', { name: 'Confirm: attest' }).click();
    const made = card.getByTestId('guest-changes').locator('li[data-kind="attest"]');
    await expect.poll(() => made.first().getAttribute('data-state'), { timeout: 60_000 }).toBe('done');

    const attestations = (await c.attestations(CONTOSO)).filter((a) => a.userId === RAFAEL && Date.parse(a.at) >= started);
    expect(attestations).toHaveLength(1);
    expect(attestations[0]?.by).toBe(MEGAN);
    expect((await c.faultHits()).filter((h) => h.status === 503)).toHaveLength(1);
    // Read again after the change: the next attestation is due a whole period from now.
    await expect.poll(() => standing.textContent(), { timeout: 20_000 }).not.toBe(before);
    expect(await standing.textContent()).toContain('Attestation due on');

    await card.getByRole('tab', { name: 'Activity' }).click();
    const list = card.getByTestId('activity-list');
    const entry = list.locator('li', { hasText: 'Attested' });
    await expect.poll(() => entry.count(), { timeout: 30_000 }).toBe(1);
    expect(await entry.textContent()).toContain(RAFAEL_MAIL);
    await card.close();

    // External access here, on a storage account Rafael holds a role at, says his standing beside him.
    const owner = await openPopupOn(env.browser, PORTAL_PAGE);
    await owner.getByRole('tab', { name: 'Guests' }).click();
    const row = owner.getByTestId('external-row').filter({ hasText: 'Rafael Costa' }).first();
    await expect
      .poll(() => row.getByTestId('external-standing').textContent(), { timeout: 30_000 })
      .toContain('Attestation due on');
    await owner.close();
  });
});
