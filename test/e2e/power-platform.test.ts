import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { inviteFormIn, openPopupOn, signInThroughPopup, stopServiceWorker, workerRestarted } from './harness.ts';
import { CONTOSO, PASSWORD, RESULTS_DIR, sandboxAndBrowser } from './sandbox.ts';

const SALES_ENV = '8f2a6c1e-4b3d-4e5f-9a70-1b2c3d4e5f01';
const SALES_GROUP = '3e9a4d5f-6b7c-4d8e-9fa0-1b2c3d4e5f60';
const POWER_APPS_PREMIUM = 'b30411f5-fea1-4a59-9ad9-3db7c7ead579';
const DYNAMICS_SALES = '1e1a282c-9c54-43a2-9310-98ef728faace';
const ADMIN_PAGE = `https://admin.powerplatform.microsoft.com/environments/environment/${SALES_ENV}/hub`;

const env = sandboxAndBrowser();
const contoso = async () => (await env.sandbox.control.state()).tenants.find((t) => t.id === CONTOSO);
const user = async (mail: string) => (await contoso())?.users.find((u) => u.mail === mail);

async function popupOnEnvironment(): Promise<Page> {
  const popup = await openPopupOn(env.browser, ADMIN_PAGE);
  await inviteFormIn(popup);
  await expect.poll(() => popup.getByTestId('pp-title').textContent(), { timeout: 15_000 }).toContain('Contoso Sales');
  return popup;
}

beforeAll(async () => {
  const popup = await env.browser.openPopup();
  await signInThroughPopup(env.browser, popup, 'megan@contoso.example', PASSWORD);
  await popup.close();
});

describe('Power Platform admins', () => {
  it('invites into an environment with names, usage location, a Dynamics 365 licence and Basic User, through throttling and a slow sync', async () => {
    const popup = await popupOnEnvironment();
    expect(await popup.getByTestId('pp-group').textContent()).toContain('Sales environment users');
    await popup.getByLabel('E-mail address').fill('lena@partner.example');
    await popup.getByLabel('First name').fill('Lena');
    await popup.getByLabel('Last name').fill('Berg');
    // The usage location is a country by name, preset from the tenant's own (the picker the Power BI section uses).
    const country = popup.getByLabel('Usage location', { exact: true });
    await expect.poll(() => country.inputValue()).toBe('NL');
    expect(await country.locator('option:checked').textContent()).toBe('Netherlands');
    await popup.getByLabel('License').selectOption(DYNAMICS_SALES);
    expect(await popup.getByLabel(/^Basic User/).isChecked()).toBe(true);
    // Both APIs throttle once; the chain waits each out.
    await env.sandbox.control.addFault({
      host: 'api.bap.microsoft.com',
      method: 'POST',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    await env.sandbox.control.addFault({
      host: 'contoso-sales.crm.dynamics.com',
      method: 'POST',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    // And Dataverse shows the synced guest only 5 s after "add user": looked up again with backoff.
    await env.sandbox.control.dataverseSync(5000);
    await popup.getByRole('button', { name: 'Invite' }).click();
    const link = popup.getByLabel('Send them the link to Contoso Sales');
    await expect.poll(() => link.inputValue(), { timeout: 60_000 }).toBe('https://contoso-sales.crm.dynamics.com/');
    await expect
      .poll(() => popup.getByTestId('operation-outcomes').textContent())
      .toContain('Add to Contoso Sales as Basic User: done');
    expect(await popup.getByTestId('guest-name').textContent()).toBe('Lena Berg');
    expect(await popup.getByTestId('page-context').textContent()).toContain('Contoso Sales · Production');
    const lena = await user('lena@partner.example');
    expect(lena).toMatchObject({ givenName: 'Lena', surname: 'Berg', usageLocation: 'NL' });
    expect(lena?.assignedLicenses?.map((l) => l.skuId)).toContain(DYNAMICS_SALES);
    const t = await contoso();
    expect(t?.groups.find((g) => g.id === SALES_GROUP)?.members).toContain(lena?.id);
    const sales = t?.powerPlatform?.environments.find((e) => e.name === SALES_ENV)?.dataverse;
    const basic = sales?.roles.find((r) => r.name === 'Basic User')?.roleid;
    const dvUsers = sales?.users.filter((u) => u.azureactivedirectoryobjectid === lena?.id) ?? [];
    expect(dvUsers).toHaveLength(1);
    expect(dvUsers[0]?.roles).toEqual([basic]);
    await popup.screenshot({ path: join(RESULTS_DIR, 'power-platform-result.png'), fullPage: true });
    await env.sandbox.control.dataverseSync(0);
    await popup.close();
  });

  it('completes the invitation while the environment answers userNotLicensed until the new licence has propagated', async () => {
    // Three minutes of sandbox time for the licence to reach Power Platform, passing twenty times faster: 9 s.
    await env.sandbox.control.licensePropagation(3 * 60_000);
    await env.sandbox.control.timeScale(20);
    const popup = await popupOnEnvironment();
    await popup.getByLabel('E-mail address').fill('yara@partner.example');
    await popup.getByLabel('First name').fill('Yara');
    await popup.getByLabel('Last name').fill('Haddad');
    await popup.getByLabel('License').selectOption(POWER_APPS_PREMIUM);
    await popup.getByRole('button', { name: 'Invite' }).click();
    await expect
      .poll(() => popup.getByTestId('step-waiting').textContent(), { timeout: 30_000 })
      .toBe('The license is still reaching Power Platform; this can take several minutes.');
    const link = popup.getByLabel('Send them the link to Contoso Sales');
    await expect.poll(() => link.inputValue(), { timeout: 60_000 }).toBe('https://contoso-sales.crm.dynamics.com/');
    await expect
      .poll(() => popup.getByTestId('operation-outcomes').textContent())
      .toContain('Add to Contoso Sales as Basic User: done');
    const yara = await user('yara@partner.example');
    const sales = (await contoso())?.powerPlatform?.environments.find((e) => e.name === SALES_ENV)?.dataverse;
    expect(sales?.users.filter((u) => u.azureactivedirectoryobjectid === yara?.id)).toHaveLength(1);
    await env.sandbox.control.timeScale(1);
    await env.sandbox.control.licensePropagation(1000);
    await popup.close();
  });

  it('finishes the chain after the worker stops mid-way and the sign-in expires, giving the role once', async () => {
    // The add-user call is slow to answer, so the worker is stopped with the chain half done.
    await env.sandbox.control.addFault({ host: 'api.bap.microsoft.com', method: 'POST', path: 'addUser', latencyMs: 3000 });
    const popup = await popupOnEnvironment();
    await popup.getByLabel('E-mail address').fill('nils@partner.example');
    await popup.getByLabel('First name').fill('Nils');
    await popup.getByLabel('Last name').fill('Dahl');
    await popup.getByRole('button', { name: 'Invite' }).click();
    await expect.poll(() => user('nils@partner.example'), { timeout: 20_000 }).toBeDefined();
    await popup.close();
    const page = await env.browser.context.newPage();
    await stopServiceWorker(env.browser, page);
    await env.sandbox.control.expireTokens();
    const id = (await user('nils@partner.example'))?.id;
    const dataverseUser = async () =>
      (await contoso())?.powerPlatform?.environments
        .find((e) => e.name === SALES_ENV)
        ?.dataverse?.users.filter((u) => u.azureactivedirectoryobjectid === id);
    // Nothing brings the worker back but its own alarm.
    await expect.poll(async () => (await dataverseUser())?.[0]?.roles.length, { timeout: 90_000, interval: 1000 }).toBe(1);
    expect(await dataverseUser()).toHaveLength(1);
    expect(await workerRestarted(env.browser)).toBe(true);
    await env.sandbox.control.clearFaults();
    await page.close();
  });

  it('grants the same chain to each row of a CSV with an environment column', async () => {
    const popup = await openPopupOn(env.browser, ADMIN_PAGE);
    await popup.getByRole('tab', { name: 'Bulk', exact: true }).click();
    const file = [
      'email,environment role,licence,usage location',
      'pp1@partner.example,Basic User,Dynamics 365 Sales Enterprise,nl',
      'pp2@partner.example,environment maker,,',
      'pp3@partner.example,yes,,',
    ].join('\n');
    await popup
      .getByLabel('CSV file')
      .setInputFiles({ name: 'environment.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await expect
      .poll(() => popup.getByTestId('bulk-preview').textContent(), { timeout: 20_000 })
      .toBe('3 rows: 3 to send, 0 skipped.');
    await popup.getByLabel('I have read what this file grants').check();
    await popup.getByRole('button', { name: 'Send invitations (3)' }).click();
    await expect.poll(() => popup.getByTestId('bulk-status').textContent(), { timeout: 60_000 }).toBe('Done');
    await expect.poll(() => popup.getByTestId('bulk-counts').textContent()).toBe('3 sent · 0 skipped · 0 failed');
    const t = await contoso();
    const sales = t?.powerPlatform?.environments.find((e) => e.name === SALES_ENV)?.dataverse;
    const roleId = (name: string) => sales?.roles.find((r) => r.name === name)?.roleid;
    for (const [mail, role] of [
      ['pp1@partner.example', 'Basic User'],
      ['pp2@partner.example', 'Environment Maker'],
      ['pp3@partner.example', 'Basic User'],
    ]) {
      const id = t?.users.find((u) => u.mail === mail)?.id;
      expect(t?.groups.find((g) => g.id === SALES_GROUP)?.members).toContain(id);
      expect(sales?.users.filter((u) => u.azureactivedirectoryobjectid === id).map((u) => u.roles)).toEqual([
        [roleId(role as string)],
      ]);
    }
    await expect.poll(() => popup.getByTestId('bulk-rows').textContent()).toContain('in the environment as Environment Maker');
    expect(await popup.getByTestId('bulk-rows').textContent()).toContain('Dynamics 365 Sales Enterprise assigned');
    const pp1 = t?.users.find((u) => u.mail === 'pp1@partner.example');
    expect(pp1).toMatchObject({ usageLocation: 'NL', assignedLicenses: [expect.objectContaining({ skuId: DYNAMICS_SALES })] });
    await popup.close();
  });

  it('does not attempt a licence without a usage location, and says why', async () => {
    // A tenant registered without a country: the picker starts with none chosen.
    await env.sandbox.control.setTenantCountry(CONTOSO, null);
    const popup = await popupOnEnvironment();
    await popup.getByLabel('E-mail address').fill('omar@partner.example');
    const country = popup.getByLabel('Usage location', { exact: true });
    await expect.poll(() => country.locator('option:checked').textContent()).toBe('Choose a country');
    await env.sandbox.control.setTenantCountry(CONTOSO, 'NL');
    await popup.getByLabel('License').selectOption(POWER_APPS_PREMIUM);
    expect(await popup.getByTestId('pp-problem').textContent()).toContain('usage location');
    expect(await popup.getByRole('button', { name: 'Invite' }).isDisabled()).toBe(true);
    expect(await user('omar@partner.example')).toBeUndefined();
    // Choosing a country is all it takes.
    await country.selectOption('NO');
    expect(await popup.getByTestId('pp-problem').count()).toBe(0);
    await popup.close();
  });

  it('says before inviting that the tenant does not let guests make apps', async () => {
    const popup = await popupOnEnvironment();
    await popup.getByLabel(/^Environment Maker/).check();
    expect(await popup.getByTestId('pp-makers').textContent()).toContain('does not let guests make apps');
    await popup.close();
  });

  it('lists each security role with its name whole on one line, and says in the action bar what Invite will do', async () => {
    const popup = await popupOnEnvironment();
    await popup.setViewportSize({ width: 400, height: 600 });
    for (const name of ['Basic User', 'Environment Maker', 'System Customizer', 'System Administrator']) {
      const label = popup.locator('label', { has: popup.getByRole('radio', { name, exact: true }) });
      // One line of 20 px, not a name broken letter by letter beside its note.
      expect((await label.boundingBox())?.height, name).toBeLessThan(30);
    }
    await popup.getByLabel('E-mail address').fill('ines@partner.example');
    await popup.getByLabel('License').selectOption(DYNAMICS_SALES);
    await expect
      .poll(() => popup.getByTestId('action-sentence').textContent())
      .toMatch(/^Invite ines@partner\.example and add them to Contoso Sales as Basic User and assign them \S/);
    await popup.screenshot({ path: join(RESULTS_DIR, 'invite-power-platform-form.png'), fullPage: true });
    await popup.close();
  });
});
