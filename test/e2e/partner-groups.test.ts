import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxRequest } from '../support/https.ts';
import { openGuestCard, signInThroughPopup } from './harness.ts';
import { CONTOSO, PASSWORD, sandboxAndBrowser } from './sandbox.ts';

const SUB = '11111111-2222-4333-8444-555555555555';
const STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01`;
const PORTAL_PAGE = `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${STORAGE}/overview`;
const MEGAN = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
const SALES_GROUP = '0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';
const PARTNER_RULE = '(user.userType -eq "Guest") -and (user.mail -endsWith "@partner.example")';

const env = sandboxAndBrowser();
const contoso = async () => (await env.sandbox.control.state()).tenants.find((t) => t.id === CONTOSO);
const user = async (mail: string) => (await contoso())?.users.find((u) => u.mail === mail);

const cardOf = (mail: string) => openGuestCard(env.browser, PORTAL_PAGE, mail);

/** Confirms a change whose button is showing: the sentence, then its Confirm. */
async function confirm(popup: Page, button: string) {
  await popup.getByRole('button', { name: button, exact: true }).click();
  await popup
    .getByRole('group', { name: button })
    .getByRole('button', { name: `Confirm: ${button.toLowerCase()}` })
    .click();
}

/** axe's serious and critical findings on the popup as it stands (the rules look.test.ts holds every view to). */
async function axeFindings(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

beforeAll(async () => {
  const popup = await env.browser.openPopup();
  await signInThroughPopup(env.browser, popup, 'megan@contoso.example', PASSWORD);
  await popup.close();
});

describe("Admins: a partner's group, made once", () => {
  it('creates the group with the name and description typed, then no card of the partner offers a second', async () => {
    const popup = await cardOf('pat@partner.example');
    await popup.getByRole('button', { name: 'Propose a group for all guests from partner.example' }).click();
    const proposal = popup.getByTestId('partner-group');
    expect(await proposal.textContent()).toContain('can take more than 24 hours');
    expect(await axeFindings(popup)).toEqual([]);
    await proposal.getByLabel('Group name').fill('Partner Ltd guests');
    await proposal.getByLabel('Description').fill('Everyone Partner Ltd sends us');
    await confirm(popup, 'Create the group');
    // The same card shows the group being made, never the Create button again.
    const existing = popup.getByTestId('partner-existing');
    await expect.poll(() => existing.textContent()).toContain('Partner Ltd guests');
    expect(await popup.getByRole('button', { name: 'Create the group' }).count()).toBe(0);
    const withRule = async () => ((await contoso())?.groups ?? []).filter((g) => g.membershipRule === PARTNER_RULE);
    await expect.poll(async () => (await withRule()).length, { timeout: 30_000 }).toBe(1);
    expect((await withRule())[0]).toMatchObject({
      displayName: 'Partner Ltd guests',
      description: 'Everyone Partner Ltd sends us',
    });
    await popup.close();

    // Another guest of the same partner: the card offers the group that exists.
    const other = await cardOf('ola@partner.example');
    await other.getByRole('button', { name: 'Propose a group for all guests from partner.example' }).click();
    await expect.poll(() => other.getByTestId('partner-existing').textContent()).toContain('Partner Ltd guests');
    expect(await other.getByTestId('partner-existing').textContent()).toContain('exists already');
    expect(await other.getByRole('button', { name: 'Create the group' }).count()).toBe(0);
    expect(await withRule()).toHaveLength(1);
    expect(await axeFindings(other)).toEqual([]);
    await other.close();
  });

  it('finds a group made elsewhere whose rule is written otherwise, and offers it instead of a proposal', async () => {
    const token = await env.sandbox.control.mintToken(CONTOSO, MEGAN, ['https://graph.microsoft.com/Group.ReadWrite.All']);
    const made = await sandboxRequest(env.sandbox, 'graph.microsoft.com', 'POST', '/v1.0/groups', {
      token,
      body: {
        displayName: 'Fabrikam people',
        mailEnabled: false,
        mailNickname: 'fabrikam-people',
        securityEnabled: true,
        groupTypes: ['DynamicMembership'],
        membershipRule: '(user.mail -endswith "@Fabrikam.example")  -and (user.usertype -eq "guest")',
        membershipRuleProcessingState: 'On',
      },
    });
    expect(made.status).toBe(201);
    const popup = await cardOf('kim@fabrikam.example');
    await popup.getByRole('button', { name: 'Propose a group for all guests from fabrikam.example' }).click();
    await expect.poll(() => popup.getByTestId('partner-existing').textContent()).toContain('Fabrikam people');
    expect(await popup.getByRole('button', { name: 'Create the group' }).count()).toBe(0);
    await popup.close();
  });
});

describe('Admins: a deleted user restored within 30 days', () => {
  it('restores a guest deleted from the card from its Activity entry, with the group Graph gives back', async () => {
    const kim = await user('kim@fabrikam.example');
    expect((await contoso())?.groups.find((g) => g.id === SALES_GROUP)?.members).toContain(kim?.id);
    const popup = await cardOf('kim@fabrikam.example');
    await confirm(popup, 'Delete user');
    await expect.poll(() => user('kim@fabrikam.example'), { timeout: 30_000 }).toBeUndefined();
    // The card, its user gone, says until when Entra keeps them.
    await expect.poll(() => popup.getByTestId('restore-user').textContent()).toMatch(/Deleted .+ until /);
    expect(await axeFindings(popup)).toEqual([]);
    await popup.getByRole('tab', { name: 'Activity' }).click();
    const deleted = popup.getByTestId('activity-list').locator('li', { hasText: 'User deleted' });
    await expect.poll(() => deleted.count()).toBe(1);
    await confirm(popup, 'Restore user');
    await expect.poll(() => user('kim@fabrikam.example'), { timeout: 30_000 }).toMatchObject({ id: kim?.id });
    expect((await contoso())?.groups.find((g) => g.id === SALES_GROUP)?.members).toContain(kim?.id);
    const restored = popup.getByTestId('activity-list').locator('li', { hasText: 'User restored' });
    await expect.poll(() => restored.count()).toBe(1);
    // Restored: the deletion's entry offers nothing more.
    expect(await deleted.getByRole('button', { name: 'Restore user' }).count()).toBe(0);
    await popup.close();
  });

  it('restores a guest from their card, which then shows them again', async () => {
    const ola = await user('ola@partner.example');
    const popup = await cardOf('ola@partner.example');
    await confirm(popup, 'Delete user');
    await expect.poll(() => user('ola@partner.example'), { timeout: 30_000 }).toBeUndefined();
    await popup.getByTestId('restore-user').waitFor();
    await confirm(popup, 'Restore user');
    await expect.poll(() => user('ola@partner.example'), { timeout: 30_000 }).toMatchObject({ id: ola?.id });
    await expect.poll(() => popup.getByTestId('guest-card').count(), { timeout: 15_000 }).toBe(1);
    await popup.close();
  });
});
