import { beforeAll, describe, expect, it } from 'vitest';
import { signInThroughPopup } from './harness.ts';
import { ExternalPeople, externalAccessOn, filter, rowOf, rowTexts, STORAGE_PAGE } from './owners.ts';
import { CONTOSO, PASSWORD, sandboxAndBrowser } from './sandbox.ts';

/** Issue 27, "External access here": the storage account's people from outside, and three taken back at once. */

const env = sandboxAndBrowser();
const contoso = async () => (await env.sandbox.control.state()).tenants.find((t) => t.id === CONTOSO);

beforeAll(async () => {
  const popup = await env.browser.openPopup();
  await signInThroughPopup(env.browser, popup, 'megan@contoso.example', PASSWORD);
  await popup.close();
});

describe('Owners: external access here', () => {
  it("lists the storage account's people from outside once per path, and finds the one who never signed in", async () => {
    const popup = await externalAccessOn(env.browser, STORAGE_PAGE);
    const rows = await rowTexts(popup);
    const of = (name: string) => rows.filter((r) => r.includes(name));
    // Rafael: his own role here, and the Relecloud contractors group's; Ines through the group only.
    expect(of('Rafael Costa')).toHaveLength(2);
    expect(of('Rafael Costa').some((r) => r.includes('Storage Blob Data Reader · directly · active, permanent'))).toBe(true);
    expect(of('Rafael Costa').some((r) => r.includes('Reader · through group Relecloud contractors'))).toBe(true);
    expect(of('Ines Moreau')).toEqual([expect.stringContaining('through group Relecloud contractors')]);
    expect(of('Ines Moreau')[0]).toContain('no sponsor');
    expect(of('Tomás Ruiz')).toEqual([expect.stringContaining('Reader · inherited from Subscription Contoso Prod')]);
    expect(of('Yuki Tanaka')).toEqual([expect.stringContaining('Storage Blob Data Contributor · directly · eligible until')]);
    expect(of('Yuki Tanaka')[0]).toContain('External member');
    // Pat: two eligibilities, an invitation never redeemed.
    expect(of('Pat Ortiz')).toHaveLength(2);
    expect(of('Pat Ortiz')[0]).toContain('invitation pending since');
    // People of the tenant (Megan's Owner, Adele's Reader at the subscription) are not listed.
    expect(rows.some((r) => r.includes('Megan') && !r.includes('sponsors'))).toBe(false);
    expect(rows.some((r) => r.startsWith('Adele'))).toBe(false);

    await filter(popup, 'Never signed in').check();
    const never = await rowTexts(popup);
    expect(never.some((r) => r.includes('Rafael Costa'))).toBe(true);
    expect(never.every((r) => r.includes('never signed in'))).toBe(true);
    expect(never.some((r) => r.includes('Ines Moreau') || r.includes('Tomás Ruiz') || r.includes('Yuki Tanaka'))).toBe(false);
    await filter(popup, 'Never signed in').uncheck();
    await filter(popup, 'Not signed in for 90 days').check();
    expect((await rowTexts(popup)).some((r) => r.includes('Ines Moreau'))).toBe(true);
    await popup.close();
  });

  it('takes three guests back at once, each by its own removal, and Activity lists the three', async () => {
    const popup = await externalAccessOn(env.browser, STORAGE_PAGE);
    await rowOf(popup, 'Ines Moreau', 'Relecloud contractors').getByRole('checkbox').check();
    await rowOf(popup, 'Tomás Ruiz', 'inherited').getByRole('checkbox').check();
    await rowOf(popup, 'Yuki Tanaka', 'eligible').getByRole('checkbox').check();
    await popup.getByRole('button', { name: 'Take back selected (3)' }).click();
    const confirm = popup.getByRole('group', { name: 'Take back selected (3)' });
    const sentence = (await confirm.getByTestId('external-sentence').textContent()) ?? '';
    expect(sentence).toContain('Ines Moreau leaves Relecloud contractors');
    expect(sentence).toContain('Tomás Ruiz loses Reader at Subscription Contoso Prod');
    expect(sentence).toContain('Yuki Tanaka loses Storage Blob Data Contributor');
    expect(sentence).toContain('Stays: the other 4 paths');
    await confirm.getByRole('button', { name: 'Confirm: take back 3' }).click();
    await popup.getByTestId('external-started').waitFor();

    const holds = async () => {
      const tenant = await contoso();
      const azure = tenant?.azure;
      return {
        ines: tenant?.groups.find((g) => g.id === ExternalPeople.RELECLOUD)?.members.includes(ExternalPeople.INES),
        tomas: azure?.roleAssignments.some((a) => a.principalId === ExternalPeople.TOMAS),
        yuki: azure?.eligibilitySchedules.some(
          (e) => e.principalId === ExternalPeople.YUKI && (!e.endDateTime || Date.parse(e.endDateTime) > Date.now()),
        ),
      };
    };
    await expect.poll(holds, { timeout: 90_000, interval: 1000 }).toEqual({ ines: false, tomas: false, yuki: false });

    await popup.getByRole('tab', { name: 'Activity' }).click();
    const list = popup.getByTestId('activity-list');
    await expect.poll(() => list.locator('li', { hasText: 'Access taken back' }).count(), { timeout: 30_000 }).toBe(3);
    const text = (await list.textContent()) ?? '';
    expect(text).toContain('Remove from Relecloud contractors');
    expect(text).toContain('Remove Reader');
    expect(text).toContain('Remove Storage Blob Data Contributor');
    await popup.close();
  });
});
