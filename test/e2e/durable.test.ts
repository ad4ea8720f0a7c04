import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { inviteFormIn, openPopupOn, signInThroughPopup, stopServiceWorker, workerRestarted } from './harness.ts';
import { CONTOSO, PASSWORD, RESULTS_DIR, SALES_APP, sandboxAndBrowser } from './sandbox.ts';

/**
 * Issue 9: an invitation and its grants finish in the background whatever the popup does, and the popup, opened
 * again, shows where it is or how it ended, redeem link included.
 */
const SUB = '11111111-2222-4333-8444-555555555555';
const STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01`;
const PORTAL_PAGE = `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${STORAGE}/overview`;
const APP_PAGE = `https://app.powerbi.com/groups/me/apps/${SALES_APP}/reports/0f4e3d2c-1b0a-4987-8654-3210fedcba98?ctid=${CONTOSO}`;
const SALES_GROUP = '0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';
const PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';

const env = sandboxAndBrowser();
const contoso = async () => (await env.sandbox.control.state()).tenants.find((t) => t.id === CONTOSO);
const userId = async (mail: string) => (await contoso())?.users.find((u) => u.mail === mail)?.id;
const eligibilities = async (mail: string) => {
  const id = await userId(mail);
  return ((await contoso())?.azure?.eligibilitySchedules ?? []).filter((e) => id && e.principalId === id);
};

/** On the storage account's page: the first suggested role, eligible for 7 days (the default), for `email`. */
async function inviteWithRole(email: string) {
  const popup = await openPopupOn(env.browser, PORTAL_PAGE);
  await inviteFormIn(popup);
  await popup.getByRole('region', { name: 'Azure role' }).getByRole('radio').first().check();
  await popup.getByLabel('E-mail address').fill(email);
  await popup.getByRole('button', { name: 'Invite' }).click();
  return popup;
}

describe('invitations that finish without the popup', () => {
  it('gives the role after the popup closed mid-invitation, and shows the result card with the redeem link on reopening', async () => {
    const first = await env.browser.openPopup();
    await signInThroughPopup(env.browser, first, 'megan@contoso.example', PASSWORD);
    await first.close();
    await env.sandbox.control.addFault({
      host: 'graph.microsoft.com',
      method: 'POST',
      path: '^/v1.0/invitations',
      latencyMs: 2500,
    });
    const popup = await inviteWithRole('closed@partner.example');
    // The person clicks back into the portal: Chrome closes the popup while Graph is still answering.
    await popup.getByTestId('operation-steps').waitFor();
    await popup.close();
    await expect.poll(() => eligibilities('closed@partner.example'), { timeout: 45_000 }).toHaveLength(1);
    await env.sandbox.control.clearFaults();

    const again = await openPopupOn(env.browser, PORTAL_PAGE);
    await expect.poll(() => again.getByLabel('Redeem link').inputValue(), { timeout: 10_000 }).toMatch(/^https:\/\//);
    expect(await again.getByTestId('azure-assignment').textContent()).toMatch(/eligible \(PIM\)/);
    await again.screenshot({ path: join(RESULTS_DIR, 'popup-reopened-result.png') });
    await again.close();
  });

  it('finishes after the service worker stops between the invitation and the role: one guest, one eligibility', async () => {
    // Azure does not see the new guest for a while, so the role is still to come when the worker stops.
    await env.sandbox.control.principalReplication(6000);
    const popup = await inviteWithRole('stopped@partner.example');
    await expect.poll(() => userId('stopped@partner.example'), { timeout: 20_000 }).toBeDefined();
    await popup.close();
    const page = await env.browser.context.newPage();
    await stopServiceWorker(env.browser, page);
    // Nothing brings it back but its own alarm.
    await expect.poll(() => eligibilities('stopped@partner.example'), { timeout: 75_000, interval: 1000 }).toHaveLength(1);
    expect(await workerRestarted(env.browser)).toBe(true);
    expect((await contoso())?.users.filter((u) => u.mail === 'stopped@partner.example')).toHaveLength(1);
    await env.sandbox.control.principalReplication(2000);
    await page.close();
  });

  it('adds the guest to the app audience after the popup closed, and shows the Power BI result on reopening', async () => {
    await env.sandbox.control.addFault({
      host: 'graph.microsoft.com',
      method: 'POST',
      path: `^/v1.0/groups/${SALES_GROUP}/members`,
      latencyMs: 2500,
    });
    const popup = await openPopupOn(env.browser, APP_PAGE);
    await inviteFormIn(popup);
    await popup.getByTestId('pbi-title').waitFor();
    await popup.getByLabel('E-mail address').fill('pbi-closed@partner.example');
    await popup.getByRole('button', { name: 'Invite' }).click();
    await popup.getByTestId('operation-steps').waitFor();
    await popup.close();
    await expect
      .poll(
        async () =>
          (await contoso())?.groups
            .find((g) => g.id === SALES_GROUP)
            ?.members.includes((await userId('pbi-closed@partner.example')) ?? '-'),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    await env.sandbox.control.clearFaults();
    const again = await openPopupOn(env.browser, APP_PAGE);
    await expect
      .poll(() => again.getByTestId('powerbi-grant').textContent(), { timeout: 10_000 })
      .toContain('Sales Analytics viewers');
    expect(await again.getByLabel('Redeem link').inputValue()).toMatch(/^https:\/\//);
    await again.close();
  });

  it('assigns the licence chosen on the result card after the popup closed, and shows it assigned on reopening', async () => {
    const popup = await openPopupOn(env.browser, APP_PAGE);
    const card = popup.getByTestId('powerbi-grant');
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain('Sales Analytics viewers');
    // The guest has no usage location: the licence step says so, and the card asks for one.
    await popup.getByRole('button', { name: 'Assign Power BI Pro' }).click();
    await popup.getByLabel('Usage location', { exact: true }).waitFor();
    await env.sandbox.control.addFault({
      host: 'graph.microsoft.com',
      method: 'POST',
      path: '/assignLicense$',
      latencyMs: 2500,
    });
    await popup.getByLabel('Usage location', { exact: true }).selectOption('NL');
    await popup.getByRole('button', { name: 'Assign Power BI Pro' }).click();
    await popup.getByRole('button', { name: 'Assigning Power BI Pro…' }).waitFor();
    await popup.close();
    const licenses = async () =>
      (await contoso())?.users.find((u) => u.mail === 'pbi-closed@partner.example')?.assignedLicenses?.map((l) => l.skuId);
    await expect.poll(licenses, { timeout: 30_000 }).toEqual([PRO]);
    await env.sandbox.control.clearFaults();
    const again = await openPopupOn(env.browser, APP_PAGE);
    await expect
      .poll(() => again.getByTestId('guest-license-path').textContent(), { timeout: 10_000 })
      .toBe('Power BI Pro assigned in this tenant');
    await again.close();
  });

  it('lists these invitations and a bulk job in Activity, newest first, and exports the same as CSV', async () => {
    const popup = await openPopupOn(env.browser, APP_PAGE);
    await popup.getByRole('tab', { name: 'Bulk', exact: true }).click();
    await popup.getByLabel('CSV file').setInputFiles({
      name: 'act.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('email\nact1@partner.example\nnot-an-address\n'),
    });
    await popup.getByLabel('I have read what this file grants').check();
    await popup.getByRole('button', { name: 'Send invitations (1)' }).click();
    await expect.poll(() => popup.getByTestId('bulk-status').textContent(), { timeout: 60_000 }).toBe('Done');
    await popup.getByRole('tab', { name: 'Activity' }).click();
    const list = popup.getByTestId('activity-list').locator('li');
    await expect.poll(() => list.count()).toBeGreaterThanOrEqual(6);
    const texts = await list.allTextContents();
    // Its bad row was skipped, never sent: the one row sent succeeded, and so did the job.
    expect(texts[0]).toMatch(/^Bulk invitation act\.csv · succeeded/);
    expect(texts[0]).toContain('2 rows: 1 sent, 1 skipped, 0 failed');
    for (const mail of ['closed@partner.example', 'stopped@partner.example', 'pbi-closed@partner.example']) {
      expect(texts.some((t) => t.startsWith(`Invited ${mail} · succeeded`))).toBe(true);
    }
    expect(texts.some((t) => /^Azure role closed@partner\.example · succeeded/.test(t))).toBe(true);
    expect(texts.some((t) => /^Group joined pbi-closed@partner\.example · succeeded/.test(t))).toBe(true);
    // The license asked for on the card is one more entry of the same operation; its first try met a question (no
    // usage location yet), which is no failure.
    const license = texts.flatMap((t) => /^License pbi-closed@partner\.example · (succeeded|failed)/.exec(t)?.[1] ?? []);
    expect(license).toEqual(['succeeded']);
    await popup.getByLabel('Show').selectOption('failed');
    // Nothing failed: the bulk job's bad row was skipped, never sent, and the license's first try was a question.
    await expect.poll(() => list.count()).toBe(0);
    await popup.getByLabel('Show').selectOption('all');
    await expect.poll(() => list.count()).toBe(texts.length);

    const download = popup.waitForEvent('download');
    await popup.getByRole('button', { name: 'Download CSV' }).click();
    const csv = readFileSync((await (await download).path()) as string, 'utf8').replace(/^\uFEFF/, '');
    const table = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    expect(table.map((r) => `${r.What} ${r['Who or which file']} · ${r.Outcome}`)).toEqual(
      texts.map((t) => /^(.*? · (succeeded|failed))/.exec(t)?.[1]),
    );
    const invited = table.find((r) => r['Who or which file'] === 'closed@partner.example' && r.What === 'Invited');
    expect(invited?.['Redeem link']).toMatch(/^https:\/\//);
    const role = table.find((r) => r['Who or which file'] === 'closed@partner.example' && r.What === 'Azure role');
    expect(role?.Scope).toBe(STORAGE);
    await popup.screenshot({ path: join(RESULTS_DIR, 'popup-activity.png') });
    await popup.close();
  });
});
