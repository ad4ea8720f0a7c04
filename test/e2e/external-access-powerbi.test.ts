import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { signInThroughPopup } from './harness.ts';
import { filter, externalAccessOn as on, rowTexts } from './owners.ts';
import { CONTOSO, PASSWORD, sandboxAndBrowser } from './sandbox.ts';

/**
 * Issue 27, "External access here" on a Power BI app: the people from outside in the app's audience group and in its
 * workspace, and two of them taken back at once; and on a Power Platform environment without a security group.
 */

const MODEL_LAB = '7a9e3c5d-0f4b-4e8a-9c3d-4e5f6a7b8c9d';
const APP_PAGE = `https://app.powerbi.com/groups/me/apps/${MODEL_LAB}?ctid=${CONTOSO}`;
const PARTNER_ANALYSTS = '2d8f3c4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const SCIENCE_WS = '4f5a6b7c-8d9e-4f0a-9b1c-2d3e4f5a6b7c';
const YUKI = 'af4a5b6c-7d8e-4f9a-b1ac-2d3e4f5a6b7c';
const DEV_ENV = '9e3b7d2f-5c4e-4f6a-8b81-2c3d4e5f6a02';

const env = sandboxAndBrowser();
const externalAccessOn = (url: string) => on(env.browser, url);
const contoso = async () => (await env.sandbox.control.state()).tenants.find((t) => t.id === CONTOSO);

const rowOf = (popup: Page, name: string) => popup.getByTestId('external-row').filter({ hasText: name });

beforeAll(async () => {
  const popup = await env.browser.openPopup();
  await signInThroughPopup(env.browser, popup, 'megan@contoso.example', PASSWORD);
  await popup.close();
});

describe('Owners: external access on a Power BI app and a Power Platform environment', () => {
  it("lists the app audience group's people from outside and the workspace's, and finds who never signed in", async () => {
    const popup = await externalAccessOn(APP_PAGE);
    const rows = await rowTexts(popup);
    const of = (name: string) => rows.filter((r) => r.includes(name));
    expect(of('Pat Ortiz')).toEqual([expect.stringContaining('audience of Model Lab, through group Partner analysts (PPU)')]);
    expect(of('Pat Ortiz')[0]).toContain('Guest');
    expect(of('Pat Ortiz')[0]).toContain('invitation pending since');
    expect(of('Yuki Tanaka')).toEqual([expect.stringContaining('audience of Model Lab, through group Partner analysts (PPU)')]);
    expect(of('Yuki Tanaka')[0]).toContain('External member');
    expect(of('Ola Nordmann')).toEqual([expect.stringContaining('Viewer · workspace Data Science')]);
    // The workspace's Admin is of the tenant: not listed; no Azure-only "permanent" filter here.
    expect(rows.some((r) => r.startsWith('Megan'))).toBe(false);
    expect(await filter(popup, 'Permanent').count()).toBe(0);

    await filter(popup, 'Never signed in').check();
    const never = await rowTexts(popup);
    expect(never.some((r) => r.includes('Pat Ortiz'))).toBe(true);
    expect(never.some((r) => r.includes('Yuki Tanaka'))).toBe(false);
    expect(never.every((r) => r.includes('never signed in'))).toBe(true);
    await popup.close();
  });

  it('takes one back from the audience group and one from the workspace, each listed in Activity', async () => {
    const popup = await externalAccessOn(APP_PAGE);
    await rowOf(popup, 'Yuki Tanaka').getByRole('checkbox').check();
    await rowOf(popup, 'Ola Nordmann').getByRole('checkbox').check();
    await popup.getByRole('button', { name: 'Take back selected (2)' }).click();
    const confirm = popup.getByRole('group', { name: 'Take back selected (2)' });
    const sentence = (await confirm.getByTestId('external-sentence').textContent()) ?? '';
    expect(sentence).toContain('Yuki Tanaka leaves Partner analysts (PPU)');
    expect(sentence).toContain('Ola Nordmann loses Viewer in workspace Data Science');
    expect(sentence).toContain('Stays: the other path listed here');
    await confirm.getByRole('button', { name: 'Confirm: take back 2' }).click();
    await popup.getByTestId('external-started').waitFor();

    const holds = async () => {
      const tenant = await contoso();
      return {
        yuki: tenant?.groups.find((g) => g.id === PARTNER_ANALYSTS)?.members.includes(YUKI),
        ola: tenant?.powerbi?.workspaces
          ?.find((w) => w.id === SCIENCE_WS)
          ?.users.some((u) => u.identifier === 'ola@partner.example'),
      };
    };
    await expect.poll(holds, { timeout: 90_000, interval: 1000 }).toEqual({ yuki: false, ola: false });

    await popup.getByRole('tab', { name: 'Activity' }).click();
    const list = popup.getByTestId('activity-list');
    await expect.poll(() => list.locator('li', { hasText: 'Access taken back' }).count(), { timeout: 30_000 }).toBe(2);
    const text = (await list.textContent()) ?? '';
    expect(text).toContain('Remove from Partner analysts (PPU)');
    expect(text).toContain('Data Science');
    await popup.close();
  });

  it('says an environment without a security group is open to everyone, and lists its Dataverse users from outside', async () => {
    const popup = await externalAccessOn(`https://admin.powerplatform.microsoft.com/environments/environment/${DEV_ENV}/hub`);
    const notes = (await popup.getByTestId('external-note').allTextContents()).join(' ');
    expect(notes).toContain('Contoso Dev has no security group: anyone in the tenant, guests included, can be added to it');
    expect(await rowTexts(popup)).toEqual([expect.stringContaining('Ines Moreau')]);
    expect((await rowTexts(popup))[0]).toContain('In Dataverse · Dataverse user in Contoso Dev');
    // Nothing takes a Dataverse user back from here: the row says so and cannot be chosen.
    expect(await rowOf(popup, 'Ines Moreau').getByRole('checkbox').isDisabled()).toBe(true);
    await popup.close();
  });
});
