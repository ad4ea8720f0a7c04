import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxRequest } from '../support/https.ts';
import { mintToken } from '../support/node-sandbox.ts';
import { openPopupOn, signInThroughPopup, stopServiceWorker, workerRestarted } from './harness.ts';
import { CONTOSO, PASSWORD, RESULTS_DIR, SALES_APP, sandboxAndBrowser } from './sandbox.ts';

const MEGAN = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
const APP_PAGE = `https://app.powerbi.com/groups/me/apps/${SALES_APP}?ctid=${CONTOSO}`;
const HEADER =
  'Email address to invite [inviteeEmail] Required,Redirection url [inviteRedirectURL] Required,' +
  'Send invitation message (true or false) [sendEmail],Customized invitation message [customizedMessageBody]';

const newAddress = (i: number) => `bulk${String(i).padStart(3, '0')}@partner.example`;
const EXISTING = ['pat@partner.example', 'kim@fabrikam.example', 'sam@partner.example'];
const BAD = [
  ',https://app.powerbi.com/,true,',
  'no-at-sign.partner.example,,true,',
  'semi;colon@partner.example,,true,',
  'when@partner.example,,sometimes,',
  'where@partner.example,ftp://files.example/,true,',
];

/** Entra's template as it downloads (version row, header, example row), 200 data rows: 192 new, 3 guests, 5 bad. */
function entraFile(): string {
  const lines = [
    'version:v1.0',
    HEADER,
    'Example: someone@contoso.com,Example: https://myapplications.microsoft.com,Example: true,Example: Hello',
  ];
  let bad = 0;
  let existing = 0;
  for (let i = 0; i < 192; i++) {
    if (i % 40 === 7 && bad < BAD.length) lines.push(BAD[bad++] as string);
    if (i % 60 === 13 && existing < EXISTING.length) lines.push(`${EXISTING[existing++]},,false,`);
    lines.push(i % 10 === 0 ? `${newAddress(i)},,true,"Welcome, partner ""${i}"""` : `${newAddress(i)},,true,`);
  }
  while (bad < BAD.length) lines.push(BAD[bad++] as string);
  while (existing < EXISTING.length) lines.push(`${EXISTING[existing++]},,false,`);
  return `${lines.join('\r\n')}\r\n`;
}

const FINANCE_READERS = '1c7e2b3d-4f5a-4b6c-9d7e-8f9a0b1c2d3e';
const M365_GROUP = '4fa0b5e6-7c8d-4e9f-a0b1-2c3d4e5f6071';
const ROLE_ASSIGNABLE = '5ab1c6f7-8d9e-4fa0-b1c2-3d4e5f607182';
const DYNAMIC_GROUP = '6bc2d7a8-9eaf-4ab1-82d3-4e5f60718293';
const ACKNOWLEDGE = 'I have read what this file grants';

const SUB = '11111111-2222-4333-8444-555555555555';
const STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01`;
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const BLOB_READER = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1';

const env = sandboxAndBrowser();
const contoso = async () => (await env.sandbox.control.state()).tenants.find((t) => t.id === CONTOSO);

async function doneCount(popup: Page): Promise<number> {
  const text = (await popup.getByTestId('bulk-progress').textContent()) ?? '';
  return Number(/^(\d+) of/.exec(text)?.[1] ?? 0);
}

/** The bulk tab, ready for a file: a job an earlier test left is put aside first. */
async function bulkTab(popup: Page): Promise<void> {
  await popup.getByRole('tab', { name: 'Bulk', exact: true }).click();
  const again = popup.getByRole('button', { name: 'New bulk invitation' });
  await popup.getByLabel('CSV file').or(again).first().waitFor();
  if (await again.isVisible()) await again.click();
}

/** Whether the job has sent a batch of invitations and not yet had the answer, as the worker keeps it. */
async function batchInFlight(): Promise<boolean> {
  const worker = await env.browser.worker();
  return worker
    .evaluate(async () => {
      // A row's invite step sent and not yet answered: the same step a single invitation has.
      type Row = { steps: { kind: string; state: string; sentAt?: number }[] };
      const stored = await chrome.storage.local.get(null);
      const rows = Object.entries(stored).flatMap(([k, v]) => (k.startsWith('bulkRows.') ? (v as Row[]) : []));
      return rows.some((r) => r.steps.some((s) => s.kind === 'invite' && s.state === 'pending' && s.sentAt !== undefined));
    })
    .catch(() => false);
}

beforeAll(async () => {
  // A third guest who already exists before the file is sent.
  const token = await mintToken(env.sandbox, MEGAN, ['https://graph.microsoft.com/User.Invite.All']);
  await sandboxRequest(env.sandbox, 'graph.microsoft.com', 'POST', '/v1.0/invitations', {
    token,
    body: { invitedUserEmailAddress: 'sam@partner.example', inviteRedirectUrl: 'https://myapps.microsoft.com' },
  });
  const popup = await env.browser.openPopup();
  await signInThroughPopup(env.browser, popup, 'megan@contoso.example', PASSWORD);
  await popup.close();
});

describe('bulk invitations from a CSV file', () => {
  it('previews, rides out throttling and two worker stops, and ends with every row accounted for once', async () => {
    // Throttling on: Graph's limit tightened so the job meets 429s, plus 503s and a throttled batch.
    await env.sandbox.control.limitInvitations(60, 5);
    await env.sandbox.control.addFault({
      host: 'graph.microsoft.com',
      method: 'POST',
      path: '/invitations$',
      status: 503,
      retryAfterSeconds: 1,
      times: 4,
    });
    // Graph takes a moment per invitation, so a batch is on its way long enough for the worker to stop meanwhile.
    await env.sandbox.control.addFault({ host: 'graph.microsoft.com', method: 'POST', path: '/invitations$', latencyMs: 300 });
    await env.sandbox.control.addFault({
      host: 'graph.microsoft.com',
      method: 'POST',
      path: '/\\$batch$',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });

    const popup = await openPopupOn(env.browser, APP_PAGE);
    await popup.getByRole('tab', { name: 'Bulk', exact: true }).click();
    // Invitations only: the app's audience for every row is the last test's.
    await popup.getByLabel('No audience group: invitations only').check();
    await popup
      .getByLabel('CSV file')
      .setInputFiles({ name: 'partners.csv', mimeType: 'text/csv', buffer: Buffer.from(entraFile()) });
    await expect
      .poll(() => popup.getByTestId('bulk-preview').textContent(), { timeout: 20_000 })
      .toBe('200 rows: 192 to send, 8 skipped: 3 already guests, 5 with errors.');
    expect(await popup.getByText('Rows without a redirect URL go to').textContent()).toContain(APP_PAGE);
    await popup.getByLabel('Show').selectOption('problems');
    await expect.poll(() => popup.locator('[data-testid=bulk-rows] tbody tr').count()).toBe(5);
    expect(await popup.getByTestId('bulk-rows').textContent()).toContain('"Send invitation message" must be true or false');

    await popup.getByLabel('I have read what this file grants').check();
    await popup.getByRole('button', { name: 'Send invitations (192)' }).click();
    // Stopped twice mid-run, as Chrome stops an idle worker; the open popup's next question wakes it.
    // Each stop lands while a batch is on its way, the hardest moment: were those guests created or not?
    for (const after of [40, 110]) {
      await expect.poll(() => doneCount(popup), { timeout: 60_000 }).toBeGreaterThanOrEqual(after);
      await expect.poll(() => batchInFlight(), { timeout: 30_000, interval: 20 }).toBe(true);
      const before = await doneCount(popup);
      await stopServiceWorker(env.browser, popup);
      // The job goes on in the open popup well before the worker's next alarm (30 s away): the batch cut off is looked
      // for once it has settled (10 s), and the rows after it are sent.
      await expect.poll(() => doneCount(popup), { timeout: 20_000 }).toBeGreaterThan(before);
      await expect.poll(() => workerRestarted(env.browser), { timeout: 10_000 }).toBe(true);
    }
    await expect.poll(() => popup.getByTestId('bulk-status').textContent(), { timeout: 120_000 }).toBe('Done');
    expect(await popup.getByTestId('bulk-progress').textContent()).toMatch(/^192 of 192 done/);
    expect(await popup.getByTestId('bulk-counts').textContent()).toBe('192 sent · 8 skipped · 0 failed');
    await popup.screenshot({ path: join(RESULTS_DIR, 'popup-bulk-done.png') });

    const users = (await contoso())?.users ?? [];
    const bulk = users.filter((u) => /^bulk\d{3}@partner\.example$/.test(u.mail ?? ''));
    expect(bulk).toHaveLength(192);
    const mails = users.map((u) => (u.mail ?? u.userPrincipalName).toLowerCase());
    expect(new Set(mails).size).toBe(mails.length);
    expect(users.filter((u) => EXISTING.includes(u.mail ?? ''))).toHaveLength(3);
    expect((await env.sandbox.control.faultHits()).filter((h) => h.status === 503)).toHaveLength(4);

    const download = popup.waitForEvent('download');
    await popup.getByRole('button', { name: 'Download results (CSV)' }).click();
    const csv = readFileSync((await (await download).path()) as string, 'utf8');
    const [version, ...rest] = csv.split('\r\n');
    // A byte-order mark first, for spreadsheets; then Entra's version row.
    expect(version).toBe('\uFEFFversion:v1.0');
    const table = Papa.parse<Record<string, string>>(rest.join('\r\n'), { header: true, skipEmptyLines: true }).data;
    expect(table).toHaveLength(200);
    const outcome = (o: string) => table.filter((r) => r['Outcome [outcome]'] === o);
    expect(outcome('Sent')).toHaveLength(192);
    expect(outcome('Failed')).toHaveLength(0);
    // Never sent, so skipped with the reason: three guests with nothing to give, five rows the file must fix.
    const skipped = outcome('Skipped');
    expect(skipped.filter((r) => r['Reason [reason]']?.startsWith('Already a guest'))).toHaveLength(3);
    const bad = skipped.filter((r) => !r['Reason [reason]']?.startsWith('Already a guest'));
    expect(bad.map((r) => r['Reason [reason]'])).toEqual([
      'The e-mail address is missing.',
      'no-at-sign.partner.example: Enter a full e-mail address, like name@partner.example.',
      'semi;colon@partner.example: Microsoft does not accept ";" in an invited e-mail address.',
      '"Send invitation message" must be true or false, not "sometimes".',
      'The redirect URL "ftp://files.example/" must start with https://.',
    ]);
    // Each bad row keeps the values it came with, in Entra's columns, to be fixed and read again.
    expect(bad.map((r) => Object.values(r).slice(0, 4).join(','))).toEqual(BAD);
    const byMail = new Map(bulk.map((u) => [u.mail, u.id]));
    for (const r of outcome('Sent')) {
      expect(r['User id [userId]']).toBe(byMail.get(r['Email address to invite [inviteeEmail] Required']));
    }
    await popup.close();
  });
  it('pauses, resumes and carries on with the popup closed, cancels the rest, and adds each guest to the named group', async () => {
    await env.sandbox.control.clearFaults();
    await env.sandbox.control.addFault({ host: 'graph.microsoft.com', method: 'POST', path: '/invitations$', latencyMs: 300 });
    const first = await env.browser.openPopup();
    await bulkTab(first);
    const lines = ['Display name,email,group'];
    for (let i = 0; i < 150; i++) lines.push(`Team ${i},team${i}@partner.example,Sales Analytics viewers`);
    await first
      .getByLabel('CSV file')
      .setInputFiles({ name: 'team.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await expect
      .poll(() => first.getByTestId('bulk-preview').textContent(), { timeout: 20_000 })
      .toBe('150 rows: 150 to send, 0 skipped.');
    await first.getByLabel('I have read what this file grants').check();
    await first.getByRole('button', { name: 'Send invitations (150)' }).click();
    await expect.poll(() => doneCount(first), { timeout: 30_000 }).toBeGreaterThanOrEqual(20);
    await first.getByRole('button', { name: 'Pause' }).click();
    await first.getByRole('button', { name: 'Resume' }).waitFor();
    await expect.poll(() => batchInFlight()).toBe(false);
    const team = async () => ((await contoso())?.users ?? []).filter((u) => u.mail?.startsWith('team'));
    const paused = (await team()).length;
    await first.close();

    // Reopened, the popup goes straight to the job, which has not moved while paused.
    const second = await env.browser.openPopup();
    await second.getByRole('button', { name: 'Resume' }).waitFor();
    expect(await doneCount(second)).toBe(paused);
    expect((await team()).length).toBe(paused);
    await second.getByRole('button', { name: 'Resume' }).click();
    await second.getByRole('button', { name: 'Pause' }).waitFor();
    await second.close();

    // With no popup open, the job carries on in the background.
    await expect.poll(async () => (await team()).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(paused + 40);
    const third = await env.browser.openPopup();
    await third.getByRole('button', { name: 'Cancel' }).click();
    // Guests invited and not yet in their group at that moment: let them finish, as this test checks they join.
    const finish = third.getByRole('button', { name: 'Let them finish' });
    const results = third.getByRole('button', { name: 'Download results (CSV)' });
    await finish.or(results).first().waitFor();
    if (await finish.isVisible()) await finish.click();
    await results.waitFor();
    await expect.poll(() => batchInFlight()).toBe(false);

    const invited = await team();
    expect(invited.length).toBeLessThan(150);
    await expect
      .poll(() => third.getByTestId('bulk-counts').textContent())
      .toBe(`${invited.length} sent · ${150 - invited.length} skipped · 0 failed`);
    const members = async () => (await contoso())?.groups.find((g) => g.displayName === 'Sales Analytics viewers')?.members;
    const outside = async () => {
      const inGroup = new Set(await members());
      return invited.filter((u) => !inGroup.has(u.id)).map((u) => u.mail);
    };
    await expect.poll(outside).toEqual([]);
    await third.getByLabel('Show').selectOption('skipped');
    await expect
      .poll(() => third.locator('[data-testid=bulk-rows] tbody tr').first().textContent())
      .toContain('Cancelled before it was sent.');
    await third.close();
  });
  it('gives each row its Azure role at the resource the popup is on, eligible for 7 days, and refuses Owner in bulk', async () => {
    await env.sandbox.control.clearFaults();
    const popup = await openPopupOn(
      env.browser,
      `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${STORAGE}/overview`,
    );
    await bulkTab(popup);
    const file = [
      'email,role',
      'role1@partner.example,Storage Blob Data Reader',
      'role2@partner.example,storage blob data reader',
      'pat@partner.example,Reader',
      'role3@partner.example,Owner',
    ].join('\n');
    await popup.getByLabel('CSV file').setInputFiles({ name: 'roles.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await expect
      .poll(() => popup.getByTestId('bulk-preview').textContent(), { timeout: 20_000 })
      .toBe('4 rows: 3 to send, 1 skipped: 1 with errors.');
    expect(await popup.getByTestId('bulk-roles').textContent()).toContain('3 rows give a role at Storage account stdata01');
    // The rows table is read after the summary: wait for it rather than catch it still empty.
    await expect.poll(() => popup.getByTestId('bulk-rows').textContent()).toContain('Owner can do everything here');
    expect(await popup.getByLabel('Eligible (PIM)').isChecked()).toBe(true);
    await popup.getByLabel('I have read what this file grants').check();
    await popup.getByRole('button', { name: 'Send invitations (2)' }).click();
    await expect.poll(() => popup.getByTestId('bulk-status').textContent(), { timeout: 60_000 }).toBe('Done');
    expect(await popup.getByTestId('bulk-progress').textContent()).toMatch(/^3 of 3 done/);
    await expect.poll(() => popup.getByTestId('bulk-counts').textContent()).toBe('3 sent · 1 skipped · 0 failed');

    const tenant = await contoso();
    const idOf = (mail: string) => tenant?.users.find((u) => u.mail === mail)?.id;
    const schedules = tenant?.azure?.eligibilitySchedules ?? [];
    for (const [mail, role] of [
      ['role1@partner.example', BLOB_READER],
      ['role2@partner.example', BLOB_READER],
      ['pat@partner.example', READER],
    ]) {
      // Pat holds eligibilities from the seed too; this one is the job's, at the storage account.
      const [schedule] = schedules.filter(
        (e) => e.principalId === idOf(mail as string) && e.roleDefinitionId === role && e.scope === STORAGE,
      );
      expect(schedule).toMatchObject({ scope: STORAGE, roleDefinitionId: role });
      expect((Date.parse(schedule?.endDateTime ?? '') - Date.parse(schedule?.startDateTime ?? '')) / 86_400_000).toBe(7);
    }
    expect(idOf('role3@partner.example')).toBeUndefined();
    expect(await popup.getByTestId('bulk-rows').textContent()).toContain('Storage Blob Data Reader given');
    await popup.close();
  });
  it('shows what a file grants, group by name and kind, and sends nothing until that is acknowledged', async () => {
    await env.sandbox.control.clearFaults();
    const popup = await openPopupOn(env.browser, APP_PAGE);
    await popup.setViewportSize({ width: 400, height: 600 });
    await bulkTab(popup);
    const file = [
      'email,group,redirect url,message,display name',
      `grant1@partner.example,${FINANCE_READERS},,,`,
      `grant2@partner.example,${FINANCE_READERS},https://login.evil.example/welcome,"Sign in here, quickly",Your IT desk`,
      `grant3@partner.example,${M365_GROUP},,,`,
      `grant4@partner.example,${ROLE_ASSIGNABLE},,,`,
      `grant5@partner.example,${DYNAMIC_GROUP},,,`,
      'grant6@partner.example,0f0e0d0c-0b0a-4908-8706-050403020100,,,',
    ].join('\n');
    await popup.getByLabel('CSV file').setInputFiles({ name: 'grants.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await expect
      .poll(() => popup.getByTestId('bulk-preview').textContent(), { timeout: 20_000 })
      .toBe('6 rows: 2 to send, 4 skipped: 4 with errors.');
    const groups = popup.getByTestId('bulk-grant-groups').locator('li');
    // Each group by name, then its kind and rows, then its id on a line of its own.
    expect(await groups.allTextContents()).toEqual([
      `Finance report readers · Security group · 2 rows${FINANCE_READERS}`,
      `All accounts staff · Security group, dynamic · refused on 1 rows${DYNAMIC_GROUP}`,
      `Contoso partners · Microsoft 365 group · refused on 1 rows${M365_GROUP}`,
      `Helpdesk administrators · Security group, role-assignable · refused on 1 rows${ROLE_ASSIGNABLE}`,
    ]);
    expect(await popup.getByTestId('bulk-grant-redirects').textContent()).toBe('login.evil.example · 1 rows');
    expect(await popup.getByTestId('bulk-grant-custom').textContent()).toContain(
      "1 invitations carry the file's own message or display name.",
    );
    await popup.screenshot({ path: join(RESULTS_DIR, 'popup-bulk-grants.png'), fullPage: true });

    // The file's own words, one click away; and each refused row says why.
    await popup.getByRole('button', { name: 'Show them' }).click();
    await expect.poll(() => popup.locator('[data-testid=bulk-rows] tbody tr').count()).toBe(1);
    const custom = await popup.getByTestId('bulk-rows').locator('tbody').textContent();
    expect(custom).toContain('Name: Your IT desk');
    expect(custom).toContain('Message: Sign in here, quickly');
    await popup.getByLabel('Show').selectOption('problems');
    await expect.poll(() => popup.locator('[data-testid=bulk-rows] tbody tr').count()).toBe(4);
    const problems = await popup.getByTestId('bulk-rows').textContent();
    expect(problems).toContain('"Contoso partners" is a Microsoft 365 group: bulk adds guests to security groups only.');
    expect(problems).toContain('"Helpdesk administrators" can hold Microsoft Entra roles');
    expect(problems).toContain('"All accounts staff" has dynamic membership');
    expect(problems).toContain('No group "0f0e0d0c-0b0a-4908-8706-050403020100" in this tenant.');

    // Start waits for the acknowledgement, and the background refuses a start that skips it.
    const start = popup.getByRole('button', { name: 'Send invitations (2)' });
    expect(await start.isDisabled()).toBe(true);
    const forged = await popup.evaluate(() =>
      chrome.runtime.sendMessage({ mark: 'invite-here/1', to: 'background', name: 'controlBulk', payload: { action: 'start' } }),
    );
    expect(forged).toMatchObject({ ok: false, error: { code: 'bulk_job_state' } });
    const grantees = async () => ((await contoso())?.users ?? []).filter((u) => u.mail?.startsWith('grant'));
    expect(await grantees()).toEqual([]);

    await popup.getByLabel(ACKNOWLEDGE).check();
    await start.click();
    await expect.poll(() => popup.getByTestId('bulk-status').textContent(), { timeout: 60_000 }).toBe('Done');
    const tenant = await contoso();
    const invited = (await grantees()).map((u) => u.mail).sort();
    expect(invited).toEqual(['grant1@partner.example', 'grant2@partner.example']);
    const membersOf = (id: string) => tenant?.groups.find((g) => g.id === id)?.members ?? [];
    for (const u of await grantees()) expect(membersOf(FINANCE_READERS)).toContain(u.id);
    expect([...membersOf(M365_GROUP), ...membersOf(ROLE_ASSIGNABLE)]).toEqual([]);
    // The results name the group the file gave by id.
    await popup.getByLabel('Show').selectOption('sent');
    await expect.poll(() => popup.getByTestId('bulk-rows').textContent()).toContain('added to Finance report readers');
    await popup.close();
  });

  it('cancels with the roles still owed to invited guests stopped too, when the person chooses that', async () => {
    await env.sandbox.control.clearFaults();
    // Azure does not see the new guests for a long while, so each invited row goes on owing its role.
    await env.sandbox.control.principalReplication(600_000);
    const popup = await openPopupOn(
      env.browser,
      `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${STORAGE}/overview`,
    );
    await bulkTab(popup);
    const file = ['email,role', ...[1, 2, 3].map((i) => `owed${i}@partner.example,Storage Blob Data Reader`)].join('\n');
    await popup.getByLabel('CSV file').setInputFiles({ name: 'owed.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    expect(await popup.getByTestId('bulk-grant-azure-roles').textContent()).toBe('Storage Blob Data Reader · 3 rows');
    await popup.getByLabel(ACKNOWLEDGE).check();
    await popup.getByRole('button', { name: 'Send invitations (3)' }).click();
    await expect
      .poll(() => popup.getByTestId('bulk-status').textContent(), { timeout: 60_000 })
      .toBe('Sending · adding 3 to their group or role');

    await popup.getByRole('button', { name: 'Cancel' }).click();
    await popup.getByText('Also stop the group joins and roles still owed to 3 invited guests?').waitFor();
    await popup.getByRole('button', { name: 'Stop them too' }).click();
    await expect.poll(() => popup.getByTestId('bulk-status').textContent()).toBe('Cancelled');
    await expect.poll(() => popup.getByTestId('bulk-counts').textContent()).toBe('3 sent · 0 skipped · 0 failed');
    await expect
      .poll(
        async () =>
          ((await popup.getByTestId('bulk-rows').textContent()) ?? '').split('Stopped when the job was cancelled.').length - 1,
      )
      .toBe(3);
    const tenant = await contoso();
    const owed = tenant?.users.filter((u) => u.mail?.startsWith('owed')).map((u) => u.id) ?? [];
    expect(owed).toHaveLength(3);
    const given = (tenant?.azure?.eligibilitySchedules ?? []).filter((e) => owed.includes(e.principalId));
    expect(given).toEqual([]);
    await env.sandbox.control.clearFaults();
    await popup.close();
  });

  it('gives bad rows back whole in the results file, counts sent, skipped and failed, and retries only the failed rows', async () => {
    await env.sandbox.control.clearFaults();
    const popup = await env.browser.openPopup();
    await bulkTab(popup);
    // Entra's own template, as the bulk view offers it.
    const template = popup.waitForEvent('download');
    await popup.getByRole('button', { name: "Download Entra's bulk-invite template (CSV)" }).click();
    const header = readFileSync((await (await template).path()) as string, 'utf8');
    expect(header).toBe(`version:v1.0\r\n${HEADER}\r\n`);

    const bad = [
      ',https://myapps.microsoft.com/,true,No address here',
      'bad-address,https://myapps.microsoft.com/,false,Fix me',
      'maybe@partner.example,https://myapps.microsoft.com/,perhaps,Later',
    ];
    // Contoso's deny list holds blocked.example: Graph refuses those two when they are sent.
    const file = [
      header.trimEnd(),
      'fine1@partner.example,https://myapps.microsoft.com/,true,Hello',
      bad[0],
      'one@blocked.example,,true,Blocked one',
      bad[1],
      'fine2@partner.example,,false,',
      bad[2],
      'two@blocked.example,,true,Blocked two',
    ].join('\r\n');
    await popup.getByLabel('CSV file').setInputFiles({ name: 'mixed.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await expect
      .poll(() => popup.getByTestId('bulk-preview').textContent(), { timeout: 20_000 })
      .toBe('7 rows: 4 to send, 3 skipped: 3 with errors.');
    await popup.getByLabel(ACKNOWLEDGE).check();
    await popup.getByRole('button', { name: 'Send invitations (4)' }).click();
    await expect.poll(() => popup.getByTestId('bulk-status').textContent(), { timeout: 60_000 }).toBe('Done');
    // Rows never sent are skipped, not failed; the two Graph refused are the failures.
    await expect.poll(() => popup.getByTestId('bulk-counts').textContent()).toBe('2 sent · 3 skipped · 2 failed');

    const download = popup.waitForEvent('download');
    await popup.getByRole('button', { name: 'Download results (CSV)' }).click();
    const csv = readFileSync((await (await download).path()) as string, 'utf8');
    const table = Papa.parse<Record<string, string>>(csv.split('\r\n').slice(1).join('\r\n'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    // Entra's columns first, in Entra's order; then the outcome and its reason.
    expect(
      Object.keys(table[0] ?? {})
        .slice(0, 4)
        .join(','),
    ).toBe(HEADER);
    const skipped = table.filter((r) => r['Outcome [outcome]'] === 'Skipped');
    expect(skipped.map((r) => Object.values(r).slice(0, 4).join(','))).toEqual(bad);
    expect(skipped.map((r) => r['Reason [reason]'])).toEqual([
      'The e-mail address is missing.',
      'bad-address: Enter a full e-mail address, like name@partner.example.',
      '"Send invitation message" must be true or false, not "perhaps".',
    ]);
    const failed = table.filter((r) => r['Outcome [outcome]'] === 'Failed');
    expect(failed.map((r) => r['Email address to invite [inviteeEmail] Required'])).toEqual([
      'one@blocked.example',
      'two@blocked.example',
    ]);
    for (const r of failed) expect(r['Reason [reason]']).toContain('blocked.example');
    expect(table.filter((r) => r['Outcome [outcome]'] === 'Sent')).toHaveLength(2);

    // The domain allowed now, the failed rows alone go again, as a job of their own, confirmed like any file.
    await env.sandbox.control.setCollaborationRestrictions(CONTOSO, { mode: 'allowAll', domains: [] });
    await popup.getByRole('button', { name: 'Retry the 2 failed rows' }).click();
    await expect.poll(() => popup.getByTestId('bulk-preview').textContent()).toBe('2 rows: 2 to send, 0 skipped.');
    expect(await popup.getByRole('heading', { name: 'mixed-retry.csv' }).isVisible()).toBe(true);
    await expect
      .poll(() => popup.locator('[data-testid=bulk-rows] tbody td.email').allTextContents())
      .toEqual(['one@blocked.example', 'two@blocked.example']);
    await popup.getByLabel(ACKNOWLEDGE).check();
    await popup.getByRole('button', { name: 'Send invitations (2)' }).click();
    await expect.poll(() => popup.getByTestId('bulk-status').textContent(), { timeout: 60_000 }).toBe('Done');
    await expect.poll(() => popup.getByTestId('bulk-counts').textContent()).toBe('2 sent · 0 skipped · 0 failed');

    const tenant = await contoso();
    const idOf = (mail: string) => tenant?.users.find((u) => u.mail === mail)?.id;
    const invitations = (mail: string) =>
      (tenant?.audits ?? []).filter(
        (a) => a.activityDisplayName.startsWith('Invite external user') && a.targetResources.some((r) => r.id === idOf(mail)),
      ).length;
    // Each address invited once: the rows sent the first time were not sent again, the skipped ones never.
    for (const mail of ['fine1@partner.example', 'fine2@partner.example', 'one@blocked.example', 'two@blocked.example'])
      expect([mail, invitations(mail)]).toEqual([mail, 1]);
    expect(idOf('maybe@partner.example')).toBeUndefined();
    await env.sandbox.control.setCollaborationRestrictions(CONTOSO, { mode: 'denyList', domains: ['blocked.example'] });
    await popup.close();
  });

  it("on a Power BI app's page, adds every row to the app's audience, and says what rows get where there is none", async () => {
    await env.sandbox.control.clearFaults();
    const workspace = await openPopupOn(
      env.browser,
      `https://app.powerbi.com/groups/7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/list?ctid=${CONTOSO}`,
    );
    await bulkTab(workspace);
    await expect
      .poll(() => workspace.getByTestId('bulk-audience').textContent(), { timeout: 20_000 })
      .toContain('This Power BI page offers no app audience group: each row gets its invitation');
    await workspace.close();

    const popup = await openPopupOn(env.browser, APP_PAGE);
    await bulkTab(popup);
    const audience = popup.getByTestId('bulk-audience');
    await expect
      .poll(() => audience.textContent(), { timeout: 20_000 })
      .toContain('Every row joins the audience of the Sales Analytics app');
    expect(await popup.getByLabel('Sales Analytics viewers').isChecked()).toBe(true);
    const file = ['email', 'aud1@partner.example', 'aud2@partner.example'].join('\n');
    await popup.getByLabel('CSV file').setInputFiles({ name: 'audience.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await expect
      .poll(() => popup.getByTestId('bulk-grant-groups').locator('li').first().textContent(), { timeout: 20_000 })
      .toMatch(/^Sales Analytics viewers · Security group · 2 rows/);
    await popup.getByLabel(ACKNOWLEDGE).check();
    await popup.getByRole('button', { name: 'Send invitations (2)' }).click();
    await expect.poll(() => popup.getByTestId('bulk-status').textContent(), { timeout: 60_000 }).toBe('Done');
    await expect.poll(() => popup.getByTestId('bulk-counts').textContent()).toBe('2 sent · 0 skipped · 0 failed');
    const tenant = await contoso();
    const viewers = tenant?.groups.find((g) => g.displayName === 'Sales Analytics viewers')?.members ?? [];
    const added = tenant?.users.filter((u) => u.mail?.startsWith('aud')).map((u) => u.id) ?? [];
    expect(added).toHaveLength(2);
    for (const id of added) expect(viewers).toContain(id);
    await popup.close();
  });
});
