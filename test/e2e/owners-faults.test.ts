import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../../sandbox/traffic.ts';
import { openPopupOn, signInThroughPopup, stopServiceWorker, workerRestarted } from './harness.ts';
import { ExternalPeople, externalAccessOn, rowOf, STORAGE, STORAGE_PAGE } from './owners.ts';
import { CONTOSO, PASSWORD, sandboxAndBrowser, trafficMark, trafficSince } from './sandbox.ts';

/**
 * Issue 27, "Faults and limits": throttling, a stopped worker and an expired sign-in while access is taken back or a
 * review is created. Nothing is removed twice, a review is never created twice, and the view says what happened.
 */

const RAFAEL = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const KIM = 'a5e4c8f6-1b7d-4e95-9fa6-4c2d5b6a7f8e';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const MEGAN = 'megan@contoso.example';
/** Microsoft Entra ID P2 (Microsoft's product names and service plan identifiers for licensing). */
const P2 = '84a661c4-e949-4bd2-a560-ed7766fcaf2b';
const ARM = 'management.azure.com';

const env = sandboxAndBrowser();
/** The sandbox's control API, once the sandbox runs. */
const c = () => env.sandbox.control;
const contoso = async () => (await c().state()).tenants.find((t) => t.id === CONTOSO);

/** Each request that would take a grant away (a member's `$ref` deleted, an assignment deleted, a PIM removal put). */
const removals = (exchanges: Exchange[]) =>
  exchanges.filter(
    (e) =>
      (e.method === 'DELETE' && /\/members\/[^/]+\/\$ref$|\/roleAssignments\/[^/]+$/.test(e.path)) ||
      (e.method === 'PUT' && /\/role(Eligibility|Assignment)ScheduleRequests\/[^/]+$/.test(e.path)),
  );

/** Per request path, its answers in order: one success each, and nothing sent after it. */
function answersByPath(exchanges: Exchange[]): Record<string, number[]> {
  const by: Record<string, number[]> = {};
  for (const e of removals(exchanges)) by[e.path] = [...(by[e.path] ?? []), e.status];
  return by;
}
const onceEach = (by: Record<string, number[]>) =>
  Object.values(by).every((s) => s.filter((x) => x < 300).length === 1 && (s.at(-1) ?? 500) < 300);

/** Chooses rows, takes them back, and confirms: the one sentence, then Confirm. */
async function takeBack(popup: Page, rows: [string, string][], beforeConfirm?: () => Promise<void>) {
  for (const [name, how] of rows) await rowOf(popup, name, how).getByRole('checkbox').check();
  const label = `Take back selected (${rows.length})`;
  await popup.getByRole('button', { name: label }).click();
  await beforeConfirm?.();
  await popup
    .getByRole('group', { name: label })
    .getByRole('button', { name: /^Confirm: take back/ })
    .click();
}

const progress = (popup: Page) => popup.getByTestId('take-back-progress').locator('li');
const states = async (popup: Page) => progress(popup).evaluateAll((li) => li.map((l) => l.getAttribute('data-state')));

beforeAll(async () => {
  const popup = await env.browser.openPopup();
  await signInThroughPopup(env.browser, popup, MEGAN, PASSWORD);
  await popup.close();
});

describe('Owners: taking back and reviewing through faults', () => {
  it('takes three back through a 429 and a worker stopped mid-way: each grant removed once, the view and Activity say so', async () => {
    // Tomás's role: its first DELETE is throttled. Yuki's PIM removal: on its way when the worker stops.
    await c().addFault({ host: ARM, method: 'DELETE', path: '/roleAssignments/', status: 429, retryAfterSeconds: 4, times: 1 });
    await c().addFault({ host: ARM, method: 'PUT', path: '/roleEligibilityScheduleRequests/', latencyMs: 5000, times: 1 });
    const popup = await externalAccessOn(env.browser, STORAGE_PAGE);
    const mark = trafficMark();
    await takeBack(popup, [
      ['Ines Moreau', 'Relecloud contractors'],
      ['Tomás Ruiz', 'inherited'],
      ['Yuki Tanaka', 'eligible'],
    ]);
    const onItsWay = async () => (await c().faultHits()).some((h) => h.status === 0 && h.path.includes('ScheduleRequests'));
    await expect.poll(onItsWay, { timeout: 30_000, interval: 200 }).toBe(true);
    const page = await env.browser.context.newPage();
    await stopServiceWorker(env.browser, page);

    const holds = async () => {
      const tenant = await contoso();
      return {
        ines: tenant?.groups.find((g) => g.id === ExternalPeople.RELECLOUD)?.members.includes(ExternalPeople.INES),
        tomas: tenant?.azure?.roleAssignments.some((a) => a.principalId === ExternalPeople.TOMAS),
        yuki: tenant?.azure?.eligibilitySchedules.some(
          (e) => e.principalId === ExternalPeople.YUKI && (!e.endDateTime || Date.parse(e.endDateTime) > Date.now()),
        ),
      };
    };
    await expect.poll(holds, { timeout: 90_000, interval: 1000 }).toEqual({ ines: false, tomas: false, yuki: false });
    // The view says what happened to each, once the worker that woke again finished them.
    await expect.poll(() => states(popup), { timeout: 60_000 }).toEqual(['done', 'done', 'done']);
    const lines = await progress(popup).allTextContents();
    expect(lines).toContainEqual('Ines Moreau · Remove from Relecloud contractors: removed');
    expect(lines.find((l) => l.startsWith('Tomás Ruiz'))).toMatch(/: removed$/);
    expect(lines.find((l) => l.startsWith('Yuki Tanaka'))).toMatch(/: removed \(/);
    expect(await workerRestarted(env.browser)).toBe(true);
    // The request log: one successful removal per grant, nothing sent after it; the throttled DELETE sent again.
    const by = answersByPath(trafficSince(mark));
    expect(Object.keys(by)).toHaveLength(3);
    expect(onceEach(by)).toBe(true);
    expect(Object.values(by)).toContainEqual([429, 200]);
    await page.close();

    await popup.getByRole('tab', { name: 'Activity' }).click();
    const list = popup.getByTestId('activity-list');
    await expect.poll(() => list.locator('li', { hasText: 'Access taken back' }).count(), { timeout: 30_000 }).toBe(3);
    await popup.close();
  });

  it('waits for a sign-in that expired during a take-back, says so, and finishes after it without doing anything twice', async () => {
    const popup = await externalAccessOn(env.browser, STORAGE_PAGE);
    const mark = trafficMark();
    await takeBack(
      popup,
      [
        ['Rafael Costa', 'directly'],
        ['Pat Ortiz', 'Storage Blob Data Reader'],
      ],
      // A day later: the refresh token ended, the login session too; nothing can be renewed without the person.
      async () => {
        await c().endLoginSessions();
        await c().ageRefreshTokens();
        await c().expireTokens();
      },
    );
    await expect.poll(() => states(popup), { timeout: 30_000 }).toEqual(['waiting', 'waiting']);
    expect(await progress(popup).first().textContent()).toContain('sign in again and it carries on');
    expect(removals(trafficSince(mark)).filter((e) => e.status < 300)).toEqual([]);

    const again = await env.browser.openPopup();
    await signInThroughPopup(env.browser, again, MEGAN, PASSWORD);
    await again.close();
    await expect.poll(() => states(popup), { timeout: 60_000 }).toEqual(['done', 'done']);
    const tenant = await contoso();
    expect(tenant?.azure?.roleAssignments.some((a) => a.principalId === RAFAEL && a.scope === STORAGE)).toBe(false);
    const by = answersByPath(trafficSince(mark));
    expect(Object.keys(by)).toHaveLength(2);
    expect(onceEach(by)).toBe(true);
    await popup.close();
  });

  it('creates one access review when the worker stops after its PUT left: looked for by name and scope before any resend', async () => {
    await c().addLicense(CONTOSO, P2, 5);
    await c().addFault({ host: ARM, method: 'PUT', path: '/accessReviewScheduleDefinitions/', latencyMs: 5000, times: 1 });
    const popup = await openPopupOn(env.browser, STORAGE_PAGE);
    await popup.getByRole('tab', { name: 'Guests' }).click();
    await popup.getByRole('button', { name: 'Access reviews of this page' }).click();
    const view = popup.getByTestId('reviews-here');
    await view.getByText('No access review runs here.').waitFor({ timeout: 20_000 });
    await view.getByRole('button', { name: 'Start an access review' }).click();
    await view.getByRole('radio', { name: 'Me (the owner)' }).check();
    await view.getByRole('button', { name: 'Start an access review' }).click();
    const mark = trafficMark();
    await view.getByRole('button', { name: 'Confirm' }).click();
    const onItsWay = async () =>
      (await c().faultHits()).some((h) => h.status === 0 && h.path.includes('accessReviewScheduleDefinitions'));
    await expect.poll(onItsWay, { timeout: 30_000, interval: 200 }).toBe(true);
    const page = await env.browser.context.newPage();
    await stopServiceWorker(env.browser, page);

    await expect.poll(() => view.getByTestId('review').count(), { timeout: 90_000, interval: 1000 }).toBe(1);
    const reviews = (await contoso())?.azure?.accessReviews ?? [];
    expect(reviews).toHaveLength(1);
    expect(reviews[0]?.scope).toBe(STORAGE);
    const exchanges = trafficSince(mark).filter((e) => e.path.includes('/accessReviewScheduleDefinitions'));
    const puts = exchanges.filter((e) => e.method === 'PUT');
    expect(puts).toHaveLength(1);
    // After the lost answer, the worker that woke listed the reviews at the scope, found it, and sent nothing.
    const lookedFor = exchanges.findIndex(
      (e, i) => i > exchanges.indexOf(puts[0] as Exchange) && e.method === 'GET' && e.path.endsWith('Definitions'),
    );
    expect(lookedFor).toBeGreaterThan(0);
    expect(await workerRestarted(env.browser)).toBe(true);
    await popup.getByRole('tab', { name: 'Activity' }).click();
    await expect
      .poll(() => popup.getByTestId('activity-list').textContent(), { timeout: 30_000 })
      .toContain('it was there already; not created again');
    await page.close();
    await popup.close();
  });

  it('has a guest reached through a group nested in the role holder leave the nested group, which ends their access here', async () => {
    const [inner, outer] = ['a1b2c3d4-0000-4000-8000-0000000000a1', 'a1b2c3d4-0000-4000-8000-0000000000a2'];
    await c().addGroup(CONTOSO, { id: inner, displayName: 'Fabrikam auditors', members: [KIM] });
    await c().addGroup(CONTOSO, { id: outer, displayName: 'Partner access', members: [inner] });
    await c().addRoleAssignment(CONTOSO, {
      name: crypto.randomUUID(),
      scope: STORAGE,
      principalId: outer,
      principalType: 'Group',
      roleDefinitionId: READER,
    });
    const popup = await externalAccessOn(env.browser, STORAGE_PAGE);
    expect(await rowOf(popup, 'Kim Akers', 'Partner access').textContent()).toContain(
      'Reader · through group Fabrikam auditors, a member of group Partner access',
    );
    await takeBack(popup, [['Kim Akers', 'Partner access']], async () => {
      const sentence = await popup.getByTestId('external-sentence').textContent();
      expect(sentence).toContain('Kim Akers leaves Fabrikam auditors');
    });
    await expect.poll(() => states(popup), { timeout: 60_000 }).toEqual(['done']);
    expect((await contoso())?.groups.find((g) => g.id === inner)?.members).toEqual([]);
    await popup.close();
    // Read again: Kim no longer reaches the storage account.
    const again = await externalAccessOn(env.browser, STORAGE_PAGE);
    expect(await again.getByTestId('external-row').filter({ hasText: 'Kim Akers' }).count()).toBe(0);
    await again.close();
  });
});
