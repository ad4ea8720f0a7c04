import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxRequest } from '../support/https.ts';
import {
  inviteFormIn,
  moreOptionsIn,
  openGuestCard,
  openPopupOn,
  signInAs,
  signInThroughPopup,
  stopServiceWorker,
} from './harness.ts';
import { CONTOSO, PASSWORD, RESULTS_DIR, SALES_APP, sandboxAndBrowser, trafficMark, trafficSince } from './sandbox.ts';

const SUB = '11111111-2222-4333-8444-555555555555';
const STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01`;
const PORTAL_PAGE = `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${STORAGE}/overview`;
const RG_PAGE = `https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/${SUB}/resourceGroups/rg-data/overview`;
const SALES_GROUP = '0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';
const MEGAN = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
const PARTNER_LTD = '9d4c2b1a-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
const NORA = 'nora@partner.example';
const appUrl = `https://app.powerbi.com/groups/me/apps/${SALES_APP}/reports/0f4e3d2c-1b0a-4987-8654-3210fedcba98?ctid=${CONTOSO}`;

const env = sandboxAndBrowser();
const contoso = async () => (await env.sandbox.control.state()).tenants.find((t) => t.id === CONTOSO);
const user = async (mail: string) => (await contoso())?.users.find((u) => u.mail === mail);

const cardOn = (url: string, mail: string) => openGuestCard(env.browser, url, mail);

/**
 * A change on the card: its button, the one sentence, then Confirm; waits until the card says it is done. For a
 * member, Confirm waits for the second step: ticking that they are a member of this organization.
 */
async function change(popup: Page, scope: Locator, button: string, kind: string, member = false) {
  const items = popup.getByTestId('guest-changes').locator(`li[data-kind="${kind}"]`);
  const before = await items.count();
  await scope.getByRole('button', { name: button }).click();
  const sentence = popup.getByRole('group', { name: button });
  expect((await sentence.textContent())?.length).toBeGreaterThan(40);
  const confirm = sentence.getByRole('button', { name: `Confirm: ${button.toLowerCase()}` });
  if (member) {
    expect(await confirm.isDisabled()).toBe(true);
    await sentence.getByLabel('I understand this is a member of this organization').check();
  }
  await confirm.click();
  // The newest change of the kind is listed first: this one, once it shows.
  await expect.poll(() => items.count()).toBe(before + 1);
  await expect.poll(() => items.first().getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
}

/** The group removal was marked sent (and stored) by the worker, so its request is on its way. */
async function sentRemoval(): Promise<boolean> {
  return (await env.browser.worker()).evaluate(async () => {
    const { guestChanges } = await chrome.storage.local.get('guestChanges');
    const list = (guestChanges ?? []) as { change: { kind: string }; steps: { sentAt?: number }[] }[];
    return list.some((c) => c.change.kind === 'leaveGroup' && c.steps[0]?.sentAt !== undefined);
  });
}

beforeAll(async () => {
  const popup = await env.browser.openPopup();
  await signInThroughPopup(env.browser, popup, 'megan@contoso.example', PASSWORD);
  await popup.close();
});

describe('Admins: a guest on one card', () => {
  it('sends the sponsor chosen on the invite form with the invitation', async () => {
    const popup = await openPopupOn(env.browser, appUrl);
    await inviteFormIn(popup);
    await popup.getByTestId('pbi-title').waitFor();
    await popup.getByLabel('E-mail address').fill(NORA);
    await moreOptionsIn(popup);
    await popup.getByLabel(/^Sponsor/).fill('Adele');
    await popup.getByRole('button', { name: /^Adele/ }).click();
    expect(await popup.getByTestId('chosen-user').textContent()).toContain('Adele');
    await popup.getByRole('button', { name: 'Invite' }).click();
    await expect.poll(() => popup.getByTestId('powerbi-grant').textContent(), { timeout: 15_000 }).toContain('Added to');
    await popup.getByRole('button', { name: 'Assign Power BI Pro' }).click();
    await popup.getByLabel('Usage location', { exact: true }).selectOption('NL');
    await popup.getByRole('button', { name: 'Assign Power BI Pro' }).click();
    await expect.poll(() => popup.getByTestId('guest-license-path').textContent()).toBe('Power BI Pro assigned in this tenant');
    const nora = await user(NORA);
    const adele = (await contoso())?.users.find((u) => u.mail === 'adele@contoso.example');
    expect(nora?.sponsors).toEqual([adele?.id]);
    await popup.close();
  });

  it("shows the guest's group, Azure role and licence, with the audit entries of those grants", async () => {
    // The same guest is given an eligible role on the storage account: a resend with the role.
    const popup = await openPopupOn(env.browser, PORTAL_PAGE);
    await inviteFormIn(popup);
    await popup.getByRole('region', { name: 'Azure role' }).waitFor();
    await popup.getByLabel('Storage Blob Data Reader').check();
    await popup.getByLabel('E-mail address').fill(NORA);
    await popup.getByRole('button', { name: 'Resend invitation' }).click();
    await expect.poll(() => popup.getByTestId('azure-assignment').textContent(), { timeout: 45_000 }).toMatch(/eligible \(PIM\)/);
    await popup.getByRole('button', { name: /card$/ }).click();
    await popup.getByTestId('guest-card').waitFor();
    const card = popup.getByTestId('guest-card');
    await expect
      .poll(() => card.getByTestId('card-groups').textContent(), { timeout: 15_000 })
      .toContain('Sales Analytics viewers');
    expect(await card.getByTestId('card-groups').textContent()).toContain('audience of Sales Analytics');
    expect(await card.getByTestId('card-roles').textContent()).toContain('Storage Blob Data Reader eligible');
    expect(await card.getByTestId('card-licenses').textContent()).toContain('Power BI Pro');
    expect(await card.getByTestId('card-sponsors').textContent()).toContain('Adele');
    const audits = (await card.getByTestId('card-audits').textContent()) ?? '';
    expect(audits).toContain('Invite external user');
    expect(audits).toContain('Add member to group');
    expect(audits).toContain('Change user license');
    expect(audits).toMatch(/eligible member to role in PIM/i);
    expect(await card.getByTestId('card-activity').textContent()).toContain('Invited');
    await popup.screenshot({ path: join(RESULTS_DIR, 'guest-card.png'), fullPage: true });
    await popup.close();
  });

  it('converts the guest to member and back, each after its confirmation, through throttling', async () => {
    const popup = await cardOn(PORTAL_PAGE, NORA);
    await env.sandbox.control.addFault({
      host: 'graph.microsoft.com',
      method: 'PATCH',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    await popup.getByRole('button', { name: 'Convert to member' }).click();
    expect(await popup.getByRole('group', { name: 'Convert to member' }).textContent()).toContain(
      'nora_partner.example#EXT#@contoso.onmicrosoft.com (guest, invited from outside) becomes a member',
    );
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await change(popup, popup.getByTestId('guest-card'), 'Convert to member', 'convert');
    expect((await user(NORA))?.userType).toBe('Member');
    await expect.poll(() => popup.getByTestId('card-user-type').textContent()).toBe('Member');
    await expect.poll(() => popup.getByRole('button', { name: 'Convert to guest' }).count()).toBe(1);
    await env.sandbox.control.addFault({
      host: 'graph.microsoft.com',
      method: 'PATCH',
      status: 503,
      retryAfterSeconds: 1,
      times: 1,
    });
    await change(popup, popup.getByTestId('guest-card'), 'Convert to guest', 'convert', true);
    await expect.poll(async () => (await user(NORA))?.userType).toBe('Guest');
    await expect.poll(() => popup.getByTestId('card-user-type').textContent()).toBe('Guest');
    await popup.close();
  });

  it('adds a sponsor from the card', async () => {
    const popup = await cardOn(PORTAL_PAGE, NORA);
    await popup.getByLabel('Add a sponsor').fill('Lee');
    await popup.getByRole('button', { name: /^Lee/ }).click();
    await change(popup, popup.getByTestId('guest-card'), 'Add sponsor', 'addSponsor');
    const lee = (await contoso())?.users.find((u) => u.mail === 'lee@contoso.example');
    expect((await user(NORA))?.sponsors).toContain(lee?.id);
    await expect.poll(() => popup.getByTestId('card-sponsors').textContent()).toContain('Lee');
    await popup.close();
  });

  it('takes back the Azure role (expired sign-in) and the group (worker stopped mid-removal); Activity lists both', async () => {
    const popup = await cardOn(PORTAL_PAGE, NORA);
    const id = (await user(NORA))?.id;
    await env.sandbox.control.expireTokens();
    await change(popup, popup.getByTestId('card-roles').locator('li').first(), 'Remove role', 'removeAzureRole');
    // PIM ends the eligibility at once (its end set to the removal), as its history keeps it.
    const holding = (await contoso())?.azure?.eligibilitySchedules.filter(
      (e) => e.principalId === id && (!e.endDateTime || Date.parse(e.endDateTime) > Date.now()),
    );
    expect(holding).toEqual([]);
    await expect.poll(() => popup.getByTestId('card-roles').locator('li').count()).toBe(0);
    // The removal is slow to answer, and the worker stops while it is on its way: it is finished once, afterwards.
    await env.sandbox.control.addFault({ host: 'graph.microsoft.com', method: 'DELETE', latencyMs: 4000, times: 1 });
    const groups = popup.getByTestId('card-groups').locator('li', { hasText: 'Sales Analytics viewers' });
    await groups.getByRole('button', { name: 'Remove from group' }).click();
    await popup.getByRole('button', { name: 'Confirm: remove from group' }).click();
    await expect.poll(() => sentRemoval(), { timeout: 15_000 }).toBe(true);
    await stopServiceWorker(env.browser, popup);
    await expect
      .poll(async () => (await contoso())?.groups.find((g) => g.id === SALES_GROUP)?.members.includes(id ?? ''), {
        timeout: 90_000,
        interval: 1000,
      })
      .toBe(false);
    await env.sandbox.control.clearFaults();
    await popup.getByRole('tab', { name: 'Activity' }).click();
    const list = popup.getByTestId('activity-list');
    await expect.poll(() => list.locator('li', { hasText: 'Access taken back' }).count(), { timeout: 30_000 }).toBe(2);
    const text = (await list.textContent()) ?? '';
    expect(text).toContain('Remove Storage Blob Data Reader');
    expect(text).toContain('Remove from Sales Analytics viewers');
    await popup.close();
  });

  it('proposes a dynamic group for partner.example, shows whom it admits, and creates it with exactly those guests', async () => {
    const popup = await cardOn(PORTAL_PAGE, NORA);
    await popup.getByRole('button', { name: 'Propose a group for all guests from partner.example' }).click();
    expect(await popup.getByTestId('partner-rule').textContent()).toBe(
      '(user.userType -eq "Guest") -and (user.mail -endsWith "@partner.example")',
    );
    const t = await contoso();
    const partnerGuests = (t?.users ?? []).filter((u) => u.userType === 'Guest' && u.mail?.endsWith('@partner.example'));
    const admitted = popup.getByTestId('partner-admitted').locator('li');
    await expect.poll(() => admitted.count()).toBe(partnerGuests.length);
    expect(await popup.getByTestId('partner-group').textContent()).toContain('Entra ID P1');
    await change(popup, popup.getByTestId('partner-group'), 'Create the group', 'createGroup');
    const group = (await contoso())?.groups.find((g) => g.displayName === 'Guests from partner.example');
    expect(group).toMatchObject({ membershipRule: '(user.userType -eq "Guest") -and (user.mail -endsWith "@partner.example")' });
    const token = await env.sandbox.control.mintToken(CONTOSO, MEGAN, ['https://graph.microsoft.com/GroupMember.ReadWrite.All']);
    const members = await sandboxRequest(env.sandbox, 'graph.microsoft.com', 'GET', `/v1.0/groups/${group?.id}/members`, {
      token,
    });
    const ids = (members.body as { value: { id: string }[] }).value.map((m) => m.id).sort();
    expect(ids).toEqual(partnerGuests.map((u) => u.id).sort());
    await popup.close();
  });

  it('says which setting blocks an invitation to a blocked domain, and creates no user', async () => {
    const popup = await openPopupOn(env.browser, PORTAL_PAGE);
    await inviteFormIn(popup);
    await popup.getByLabel('E-mail address').fill('eve@blocked.example');
    await popup.getByRole('button', { name: 'Invite' }).click();
    const alert = popup.getByRole('alert');
    await expect.poll(() => alert.first().textContent(), { timeout: 20_000 }).toContain('collaboration restrictions');
    expect(await alert.first().textContent()).toContain('External collaboration settings');
    expect(await user('eve@blocked.example')).toBeUndefined();
    expect(await popup.getByLabel('E-mail address').inputValue()).toBe('eve@blocked.example');
    await popup.screenshot({ path: join(RESULTS_DIR, 'blocked-domain.png'), fullPage: true });
    await popup.close();
  });

  it("says when the partner's cross-tenant entry refuses an invitation, and creates no user", async () => {
    const seeded = (await contoso())?.crossTenantAccess?.partners ?? [];
    const blocked = { accessType: 'blocked' as const, targets: [{ target: 'AllUsers', targetType: 'user' as const }] };
    await env.sandbox.control.patchCrossTenantAccess(CONTOSO, {
      partners: [{ tenantId: PARTNER_LTD, b2bCollaborationInbound: { usersAndGroups: blocked } }],
    });
    const popup = await openPopupOn(env.browser, PORTAL_PAGE);
    await inviteFormIn(popup);
    await popup.getByLabel('E-mail address').fill('raj@partner.example');
    await popup.getByRole('button', { name: 'Invite' }).click();
    const alert = popup.getByRole('alert');
    await expect.poll(() => alert.first().textContent(), { timeout: 20_000 }).toContain('cross-tenant access settings');
    expect(await alert.first().textContent()).toContain('Cross-tenant access settings');
    expect(await user('raj@partner.example')).toBeUndefined();
    // The settings view says the same in words.
    await popup.getByRole('tab', { name: 'Guests' }).click();
    await popup.getByRole('button', { name: /External collaboration settings/ }).click();
    await expect.poll(() => popup.getByTestId('tenant-settings').textContent()).toContain('Partner Ltd (partner.example)');
    expect(await popup.getByTestId('tenant-settings').textContent()).toContain('Blocked: all users of the other organization');
    await env.sandbox.control.patchCrossTenantAccess(CONTOSO, { partners: seeded });
    await popup.close();
  });

  it('reads the external collaboration settings in plain words', async () => {
    const popup = await openPopupOn(env.browser, PORTAL_PAGE);
    await popup.getByRole('tab', { name: 'Guests' }).click();
    await popup.getByRole('button', { name: /External collaboration settings/ }).click();
    const settings = popup.getByTestId('tenant-settings');
    await expect.poll(() => settings.textContent()).toContain('may invite guests');
    expect(await settings.textContent()).toContain('Cross-tenant default, inbound');
    expect(await settings.getByRole('link', { name: 'Cross-tenant access settings' }).getAttribute('href')).toMatch(
      /^https:\/\/entra\.microsoft\.com\//,
    );
    // The partner by its organization's name and domain; its tenant id only once the disclosure is opened.
    const partner = settings.getByTestId('partner');
    await expect.poll(() => partner.textContent()).toContain('Partner Ltd (partner.example)');
    const guid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    // biome-ignore lint/performance/useDomNodeTextContent: the text as shown, which leaves out a closed disclosure
    expect(await settings.innerText()).not.toMatch(guid);
    expect(await partner.getByText(PARTNER_LTD).isVisible()).toBe(false);
    await partner.getByText('Tenant ID').click();
    expect(await partner.getByText(PARTNER_LTD).isVisible()).toBe(true);
    await popup.close();
  });

  it('resends the invitation from the card to the default page, not to the page the tab shows', async () => {
    const popup = await cardOn(PORTAL_PAGE, NORA);
    await popup.getByTestId('guest-card').getByRole('button', { name: 'Resend invitation' }).click();
    const sent = () =>
      env.browser.worker().then((w) =>
        w.evaluate(async () => {
          const { operations } = await chrome.storage.local.get('operations');
          return ((operations ?? []) as { invitation: { redirectUrl: string } }[]).at(-1)?.invitation.redirectUrl;
        }),
      );
    await expect.poll(sent, { timeout: 15_000 }).toBe('https://myapps.microsoft.com');
    await popup.close();
  });

  it('deletes the guest after a summary of what they still have, saying it can be restored for 30 days', async () => {
    const popup = await cardOn(PORTAL_PAGE, NORA);
    await popup.getByRole('button', { name: 'Delete user' }).click();
    const confirm = popup.getByRole('group', { name: 'Delete user' });
    expect(await confirm.getByTestId('still-has').textContent()).toContain('License Power BI Pro');
    expect(await confirm.textContent()).toContain('restored from Deleted users for 30 days');
    await confirm.getByRole('button', { name: 'Confirm: delete user' }).click();
    await expect.poll(() => user(NORA), { timeout: 30_000 }).toBeUndefined();
    await expect.poll(() => popup.getByTestId('card-gone').textContent()).toContain('restored from Deleted users');
    await popup.getByRole('tab', { name: 'Activity' }).click();
    await expect.poll(() => popup.getByTestId('activity-list').locator('li', { hasText: 'User deleted' }).count()).toBe(1);
    await popup.close();
  });

  it("shows a guest's own workspace role and takes it back", async () => {
    const popup = await cardOn(PORTAL_PAGE, 'pat@partner.example');
    const row = popup.getByTestId('card-workspaces').locator('li', { hasText: 'Finance' });
    expect(await row.textContent()).toContain('Viewer in Finance');
    await change(popup, row, 'Remove workspace role', 'removeWorkspaceRole');
    const finance = (await contoso())?.powerbi?.workspaces?.find((w) => w.name === 'Finance');
    expect(finance?.users.map((u) => u.identifier)).not.toContain('pat@partner.example');
    await expect.poll(() => popup.getByTestId('card-workspaces').locator('li').count()).toBe(0);
    await popup.close();
  });

  it('says how many workspaces it read, and shows a role at a scope it cannot act on without a Remove button', async () => {
    const pat = await user('pat@partner.example');
    const star = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Network/dnszones/contoso.com/A/*`;
    await env.sandbox.control.addRoleAssignment(CONTOSO, {
      name: '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b',
      scope: star,
      principalId: pat?.id ?? '',
      roleDefinitionId: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    });
    const before = (await contoso())?.powerbi?.workspaces?.filter((w) =>
      w.users.some((u) => u.identifier === 'megan@contoso.example'),
    );
    for (let n = 0; n < 30; n++) {
      await env.sandbox.control.addWorkspace(CONTOSO, {
        id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        name: `Project ${n}`,
        users: [{ identifier: 'megan@contoso.example', principalType: 'User', groupUserAccessRight: 'Admin' }],
      });
    }
    const popup = await cardOn(RG_PAGE, 'pat@partner.example');
    await expect
      .poll(() => popup.getByTestId('card-workspaces-read').textContent())
      .toContain(`30 of ${(before?.length ?? 0) + 30} workspaces read: a role in the others is not shown.`);
    const readOnly = popup.getByTestId('card-roles-read-only').locator('li');
    await expect.poll(() => readOnly.count()).toBe(1);
    expect(await readOnly.textContent()).toContain(`Reader active at ${star}`);
    expect(await readOnly.textContent()).toContain('read only');
    expect(await readOnly.getByRole('button').count()).toBe(0);
    // The rest is offered: read, the card no longer says it read only some.
    await popup.getByTestId('card-workspaces-read').getByRole('button', { name: 'Read all workspaces' }).click();
    await expect.poll(() => popup.getByTestId('card-workspaces-read').count()).toBe(0);
    await popup.close();
  });

  it('says which role reading the audit log needs when the person signed in has none', async () => {
    const popup = await env.browser.openPopup();
    await signInAs(env.browser, popup, 'adele@contoso.example', PASSWORD);
    await popup.close();
    const card = await cardOn(PORTAL_PAGE, 'pat@partner.example');
    expect(await card.getByTestId('audit-missing').textContent()).toContain('Reports Reader');
    expect(await card.getByTestId('card-groups').textContent()).toContain('Partner analysts (PPU)');
    await card.close();
  });
});

describe("Admins: Power BI's admin reads kept within their budget", () => {
  const PAT = 'pat@partner.example';
  /** Power BI admin reads of an app's audience since `mark`, by app. */
  const audienceReadsSince = (mark: number) => {
    const byApp = new Map<string, number>();
    for (const e of trafficSince(mark)) {
      const app = e.method === 'GET' && /^\/v1\.0\/myorg\/admin\/apps\/([^/]+)\/users$/.exec(e.path)?.[1];
      if (app) byApp.set(app, (byApp.get(app) ?? 0) + 1);
    }
    return byApp;
  };

  it("sends at most one admin read per app for ten opens of a guest's card", async () => {
    const popup = await env.browser.openPopup();
    // An admin again when the last test signed in as Adele (signing out forgot what was read before).
    const account = await popup.getByTestId('account-username').textContent();
    if (account !== 'megan@contoso.example') await signInAs(env.browser, popup, 'megan@contoso.example', PASSWORD);
    await popup.close();
    const mark = trafficMark();
    for (let n = 0; n < 10; n++) {
      const card = await cardOn(PORTAL_PAGE, PAT);
      expect(await card.getByTestId('card-audiences-read').textContent()).toContain('App audiences as read');
      await card.close();
    }
    const reads = audienceReadsSince(mark);
    expect(reads.size).toBeGreaterThan(0);
    expect([...reads.values()].every((n) => n === 1)).toBe(true);
  });

  it('says when the admin reads come back once they are spent, and shows the rest of the card', async () => {
    await env.sandbox.control.limitPowerBiAdminReads(0, 3600);
    // Signed out and in again (as another person, then the admin): what the last test read is forgotten.
    const popup = await env.browser.openPopup();
    await signInAs(env.browser, popup, 'adele@contoso.example', PASSWORD);
    await signInAs(env.browser, popup, 'megan@contoso.example', PASSWORD);
    await popup.close();
    const from = Date.now();
    const card = await cardOn(PORTAL_PAGE, PAT);
    const until = Date.now();
    const spent = (await card.getByTestId('card-admin-reads-spent').textContent()) ?? '';
    // Back an hour after the refusal, as Power BI's Retry-After said, at the minute the card names.
    const minutes = new Set<string>();
    for (let at = from; at <= until + 60_000; at += 30_000) {
      minutes.add(new Intl.DateTimeFormat('en', { timeStyle: 'short' }).format(new Date(at + 3_600_000)));
    }
    const named = /^Power BI's admin reads for this hour are spent; they come back at (.+?)\. /.exec(spent)?.[1];
    expect([...minutes]).toContain(named);
    expect(await card.getByRole('button', { name: 'Read again' }).count()).toBe(0);
    expect(await card.getByTestId('card-groups').textContent()).toContain('Partner analysts (PPU)');
    expect(await card.getByRole('alert').count()).toBe(0);
    await card.close();
    await env.sandbox.control.clearFaults();
  });
});

describe('Admins: the card is about the person, not the page', () => {
  const PAT = 'pat@partner.example';
  const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
  const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
  const DEV = '22222222-3333-4444-8555-666666666666';
  const SHARED = '33333333-4444-4555-8666-777777777777';
  const RG_DEV = `/subscriptions/${DEV}/resourceGroups/rg-dev`;
  const ELIGIBILITY = '4c5d6e7f-8a9b-4c0d-8e1f-2a3b4c5d6e7f';
  const ACTIVATION = '5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f8a';

  beforeAll(async () => {
    const popup = await env.browser.openPopup();
    if ((await popup.getByTestId('account-username').textContent()) !== 'megan@contoso.example')
      await signInAs(env.browser, popup, 'megan@contoso.example', PASSWORD);
    await popup.close();
    const pat = (await user(PAT))?.id ?? '';
    const c = env.sandbox.control;
    // A second subscription Megan owns, and a third where she reads one resource group only (not its role assignments).
    await c.addSubscription(CONTOSO, {
      subscriptionId: DEV,
      displayName: 'Contoso Dev',
      resourceGroups: [{ name: 'rg-dev', location: 'westeurope', resources: [] }],
    });
    await c.addSubscription(CONTOSO, {
      subscriptionId: SHARED,
      displayName: 'Fabrikam shared',
      resourceGroups: [{ name: 'rg-shared', location: 'westeurope', resources: [] }],
    });
    await c.addRoleAssignment(CONTOSO, {
      name: '6e7f8a9b-0c1d-4e2f-8a3b-4c5d6e7f8a9b',
      scope: `/subscriptions/${DEV}`,
      principalId: MEGAN,
      roleDefinitionId: OWNER,
    });
    await c.addRoleAssignment(CONTOSO, {
      name: '7f8a9b0c-1d2e-4f3a-8b4c-5d6e7f8a9b0c',
      scope: `/subscriptions/${SHARED}/resourceGroups/rg-shared`,
      principalId: MEGAN,
      roleDefinitionId: READER,
    });
    // Pat is eligible for Reader on rg-dev, and activated it ten minutes ago for four hours.
    await c.addEligibility(CONTOSO, { name: ELIGIBILITY, scope: RG_DEV, principalId: pat, roleDefinitionId: READER });
    await c.addRoleAssignment(CONTOSO, {
      name: ACTIVATION,
      scope: RG_DEV,
      principalId: pat,
      roleDefinitionId: READER,
      assignmentType: 'Activated',
      linkedEligibilityName: ELIGIBILITY,
      startDateTime: new Date(Date.now() - 10 * 60_000).toISOString(),
      endDateTime: new Date(Date.now() + 4 * 3_600_000).toISOString(),
    });
  });

  it('lists the Azure roles of every subscription the admin can read on a Power BI page, grouped by subscription', async () => {
    const popup = await cardOn(appUrl, PAT);
    const card = popup.getByTestId('guest-card');
    const prod = card.getByRole('region', { name: 'Contoso Prod' });
    const dev = card.getByRole('region', { name: 'Contoso Dev' });
    await dev.waitFor({ timeout: 30_000 });
    expect(await prod.getByRole('heading', { name: 'Contoso Prod' }).count()).toBe(1);
    expect(await prod.getByTestId('card-roles').textContent()).toContain(
      'Storage Blob Data Reader eligible at Storage account stdata01 · resource group rg-data',
    );
    expect(await prod.getByTestId('card-roles').textContent()).toContain('Reader eligible at Resource group rg-web');
    const devRoles = (await dev.getByTestId('card-roles').textContent()) ?? '';
    expect(devRoles).toContain('Reader eligible at Resource group rg-dev');
    expect(devRoles).toContain('activated now');
    expect(devRoles).toContain('Reader active at Resource group rg-dev');
    // The one Megan sees but may not read the roles of is said, not shown.
    expect(await card.getByRole('region', { name: 'Fabrikam shared' }).count()).toBe(0);
    expect(await card.getByTestId('card-subscriptions-read').textContent()).toBe(
      'Subscriptions you cannot read, skipped: 1. A role there is not shown.',
    );

    // What deleting them takes away names every role, with its subscription; its Confirm alone is in the danger colour.
    await card.getByRole('button', { name: 'Convert to member' }).click();
    const convert = card.getByRole('group', { name: 'Convert to member' }).getByRole('button', { name: /^Confirm/ });
    await card.getByRole('button', { name: 'Delete user' }).click();
    const remove = card.getByRole('group', { name: 'Delete user' });
    const stillHas = (await remove.getByTestId('still-has').textContent()) ?? '';
    expect(stillHas).toContain(
      'Storage Blob Data Reader (eligible) at Storage account stdata01 · resource group rg-data · subscription Contoso Prod',
    );
    expect(stillHas).toContain('Reader (eligible) at Resource group rg-dev · subscription Contoso Dev');
    expect(stillHas).toContain('Reader (active) at Resource group rg-dev · subscription Contoso Dev');
    const colours = (b: Locator) => b.evaluate((e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color].join());
    const destructive = await colours(remove.getByRole('button', { name: 'Confirm: delete user' }));
    expect(destructive).not.toBe(await colours(convert));
    expect(destructive).toContain('rgb(177, 14, 28)'); // Fluent's colorStatusDangerForeground1 (light)
    await popup.close();
  });

  it("says an eligibility's activation may keep running, and ends it too when asked; the sandbox holds neither", async () => {
    const popup = await cardOn(appUrl, PAT);
    const dev = popup.getByRole('region', { name: 'Contoso Dev' });
    const row = dev.getByTestId('card-roles').locator('li', { hasText: 'eligible at' });
    await row.getByRole('button', { name: 'Remove role' }).click();
    const ask = row.getByRole('group', { name: 'Remove role' });
    expect(await ask.getByTestId('activation-note').textContent()).toMatch(
      /^They activated this role; the activation runs until .+\. Microsoft does not document that removing the eligibility ends an activation/,
    );
    await ask.getByLabel('Also end the activation now').check();
    expect(await ask.textContent()).toContain('and the activation running from it ends now');
    await ask.getByRole('button', { name: 'Confirm: remove role' }).click();
    const done = popup.getByTestId('guest-changes').locator('li[data-kind="removeAzureRole"]').first();
    await expect.poll(() => done.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    expect(await done.textContent()).toContain('activation removed');
    const azure = (await contoso())?.azure;
    const now = Date.now();
    const holds = (x?: { endDateTime?: string | null }) => !!x && (!x.endDateTime || Date.parse(x.endDateTime) > now);
    expect(holds(azure?.eligibilitySchedules.find((e) => e.name === ELIGIBILITY))).toBe(false);
    expect(holds(azure?.roleAssignments.find((a) => a.name === ACTIVATION))).toBe(false);
    await expect.poll(() => dev.count()).toBe(0);
    await popup.close();
  });
});
