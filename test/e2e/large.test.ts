import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LARGE_PROFILE } from '../../sandbox/profile/large.ts';
import { openPopupOn, signInAsGuest, signInThroughPopup, signOutInPopup } from './harness.ts';
import { PASSWORD, RESULTS_DIR, sandboxAndBrowser } from './sandbox.ts';

/**
 * A tenant of real size (issue 22): 25,000 users, 3,000 groups, 320 workspaces, every Azure role, a guest in 260
 * groups with 150 eligibilities. Every list the popup shows is read to its end or says what it read; the sandbox
 * pages and refuses as Microsoft's services do (a `$search` without its header is refused).
 */
const env = sandboxAndBrowser({ profile: 'large', recordTraffic: false });
const BIG = LARGE_PROFILE.bigGuest;
const RG = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data';

async function guestsTab() {
  const popup = await env.browser.openPopup();
  const signIn = popup.getByRole('button', { name: 'Sign in' });
  await signIn.or(popup.getByTestId('account-username')).first().waitFor();
  if (await signIn.isVisible()) await signInThroughPopup(env.browser, popup, 'megan@contoso.example', PASSWORD);
  await popup.getByRole('tab', { name: 'Guests' }).click();
  return popup;
}

describe('a tenant of real size', () => {
  it('finds "Ann Lee" among 25,000 users by typing "lee", and says when it shows only the first matches', async () => {
    const popup = await guestsTab();
    await popup.getByLabel('Find a guest').fill('lee');
    const hits = popup.getByTestId('guest-hits');
    await expect.poll(() => hits.textContent(), { timeout: 20_000 }).toContain('Ann Lee');
    expect(await popup.getByTestId('more-hits').textContent()).toContain('The first 15 found are shown');
    await popup.close();
  });

  it('shows all 260 groups of the big guest, says how many workspaces it read, and reads the rest when asked', async () => {
    const popup = await guestsTab();
    await popup.getByLabel('Find a guest').fill(BIG.mail);
    await popup.getByRole('button', { name: new RegExp(`^${BIG.displayName}`) }).click();
    const groups = popup.getByTestId('card-groups').locator('li');
    await expect.poll(() => groups.count(), { timeout: 60_000 }).toBe(BIG.groups);
    expect(await popup.getByTestId('card-groups-read').count()).toBe(0);
    const read = popup.getByTestId('card-workspaces-read');
    await expect.poll(() => read.textContent(), { timeout: 30_000 }).toContain('30 of 320 workspaces read');
    await read.getByRole('button', { name: 'Read all workspaces' }).click();
    await expect.poll(() => read.count(), { timeout: 90_000 }).toBe(0);
    expect(await popup.getByTestId('card-workspaces').locator('li').count()).toBe(BIG.workspaces);
    await popup.screenshot({ path: join(RESULTS_DIR, 'popup-large-card.png'), fullPage: true });
    await popup.close();
  });

  it('offers every role at a scope, whichever page of role definitions it was on', async () => {
    // Ten role definitions a page: the role list crosses seventeen pages of ARM's nextLink.
    await env.sandbox.control.pageSize(10);
    const popup = await openPopupOn(env.browser, `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${RG}/overview`);
    await popup.getByRole('region', { name: 'Azure role' }).waitFor();
    await popup.getByLabel('Search all roles').fill('Windows Admin Center');
    await expect
      .poll(() => popup.getByRole('region', { name: 'Azure role' }).textContent(), { timeout: 20_000 })
      .toContain('Windows Admin Center Administrator Login');
    await env.sandbox.control.pageSize(0);
    await popup.close();
  });

  it("lists all 150 of a guest's eligible roles in My access", async () => {
    const popup = await env.browser.openPopup();
    await popup.getByTestId('account-username').waitFor();
    await signOutInPopup(popup);
    await signInAsGuest(env.browser, popup, BIG.mail);
    const eligible = popup.locator('[data-testid="eligible-role"]');
    await expect.poll(() => eligible.count(), { timeout: 90_000 }).toBe(BIG.eligibilities);
    await popup.close();
  });
});
