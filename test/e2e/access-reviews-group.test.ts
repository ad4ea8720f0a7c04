import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPopupOn, signInThroughPopup } from './harness.ts';
import { CONTOSO, PASSWORD, SALES_APP, sandboxAndBrowser } from './sandbox.ts';

/** The Sales Analytics app is published to "Sales Analytics viewers": Lee Gu (a member) and Kim Akers (a guest). */
const SALES_GROUP = '0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';
const KIM = 'a5e4c8f6-1b7d-4e95-9fa6-4c2d5b6a7f8e';
const ADELE = 'd2b1f5c3-8e4a-4b62-8c73-1f9a2e3d4c5b';
/** Microsoft Entra ID P2 (Microsoft's product names and service plan identifiers for licensing). */
const P2 = '84a661c4-e949-4bd2-a560-ed7766fcaf2b';
const APP_URL = `https://app.powerbi.com/groups/me/apps/${SALES_APP}/reports/0f4e3d2c-1b0a-4987-8654-3210fedcba98?ctid=${CONTOSO}`;
const env = sandboxAndBrowser();

const reviewsOf = async () => (await env.sandbox.control.state()).tenants.find((t) => t.id === CONTOSO)?.groupReviews ?? [];

/** Allows what the view asks for, when it asks: an admin's consent to the access review scope, given by Megan. */
async function allowIfAsked(view: ReturnType<Page['getByTestId']>): Promise<void> {
  const allow = view.getByTestId('consent-line').getByRole('button', { name: 'Allow' });
  const read = view.getByText('Of the group Sales Analytics viewers');
  await allow.or(read).first().waitFor({ timeout: 30_000 });
  if (!(await allow.isVisible())) return;
  const authWindow = env.browser.context.waitForEvent('page', {
    predicate: (p) => p.url().startsWith('https://login.microsoftonline.com/'),
    timeout: 30_000,
  });
  await allow.click();
  const auth = await authWindow;
  const closed = auth.waitForEvent('close', { timeout: 30_000 });
  const login = auth.getByLabel('Email or phone');
  const accept = auth.getByRole('button', { name: 'Accept' });
  await Promise.race([accept.or(login).first().waitFor({ timeout: 30_000 }), closed]).catch(() => undefined);
  if (await login.isVisible().catch(() => false)) {
    await login.fill('megan@contoso.example');
    await auth.getByLabel('Password').fill(PASSWORD);
    await auth.getByRole('button', { name: 'Sign in' }).click();
  }
  await Promise.race([accept.click().catch(() => undefined), closed]);
  await closed;
}

/** The app's page in Power BI, the Guests tab, its access reviews opened. */
async function reviewsView() {
  const popup = await openPopupOn(env.browser, APP_URL);
  await popup.getByRole('tab', { name: 'Guests' }).click();
  await popup.getByRole('button', { name: 'Access reviews of this page' }).click();
  const view = popup.getByTestId('reviews-here');
  await allowIfAsked(view);
  return { popup, view };
}

beforeAll(async () => {
  const popup = await env.browser.openPopup();
  await signInThroughPopup(env.browser, popup, 'megan@contoso.example', PASSWORD);
  await popup.close();
});

describe("Access reviews of a Power BI app's audience (issue 27)", () => {
  it('says which license the tenant lacks, offers nothing to create, and creates nothing', async () => {
    const { popup, view } = await reviewsView();
    await expect
      .poll(() => view.getByRole('alert').textContent(), { timeout: 30_000 })
      .toContain('Microsoft Entra ID P2 or Microsoft Entra ID Governance');
    expect(await view.getByRole('button', { name: 'Start an access review' }).count()).toBe(0);
    expect(await reviewsOf()).toEqual([]);
    await popup.close();
  });

  it("creates one review of the audience group's guests through a throttled creation, shows a decision made since, and applies it once the review ended", async () => {
    const c = env.sandbox.control;
    await c.addLicense(CONTOSO, P2, 5);
    await c.addSponsor(CONTOSO, KIM, ADELE);
    // The first creation is throttled: the engine waits it out and looks for the review before sending again.
    await c.addFault({
      host: 'graph.microsoft.com',
      method: 'POST',
      path: 'identityGovernance/accessReviews/definitions$',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    const { popup, view } = await reviewsView();
    await view.getByText('No access review runs here.').waitFor({ timeout: 30_000 });
    await view.getByRole('button', { name: 'Start an access review' }).click();
    const summary = await view.getByTestId('review-summary').textContent();
    expect(summary).toContain("reviews the one guest in Group Sales Analytics viewers (nested groups' members included)");
    expect(summary).toContain('by their sponsors (1 reviewer)');
    await view.getByRole('button', { name: 'Confirm' }).click();

    const review = view.getByTestId('review');
    await expect.poll(() => review.count(), { timeout: 45_000 }).toBe(1);
    expect(await review.getByTestId('review-status').textContent()).toBe('running');
    expect(await review.getByTestId('review-progress').textContent()).toBe('0 of 1 decided');
    const reviews = await reviewsOf();
    expect(reviews).toHaveLength(1);
    const scope = reviews[0]?.body.scope as { query: string };
    expect(scope.query).toBe(
      `/groups/${SALES_GROUP}/transitiveMembers/microsoft.graph.user/?$count=true&$filter=(userType eq 'Guest')`,
    );
    expect(reviews[0]?.body.reviewers).toEqual([{ query: `/users/${ADELE}`, queryType: 'MicrosoftGraph' }]);
    expect((await c.faultHits()).filter((h) => h.status === 429)).toHaveLength(1);

    // Adele, Kim's sponsor, denies Kim's access in My Access.
    await c.recordGroupReviewDecision(CONTOSO, reviews[0]?.id ?? '', { principalId: KIM, decision: 'Deny', reviewerId: ADELE });
    await view.getByRole('button', { name: 'Read again' }).click();
    await expect.poll(() => review.getByTestId('review-progress').textContent()).toBe('1 of 1 decided');
    expect(await review.getByTestId('review-decision').allTextContents()).toContainEqual(
      expect.stringContaining('Kim Akers (Sales Analytics viewers): denied · by Adele Vance'),
    );
    // Graph applies decisions once the review has ended, and not before: then the owner applies them, and Kim leaves.
    expect(await review.getByRole('button', { name: 'Apply the decisions' }).count()).toBe(0);
    await c.recordGroupReviewDecision(CONTOSO, reviews[0]?.id ?? '', { complete: true });
    await view.getByRole('button', { name: 'Read again' }).click();
    await review.getByRole('button', { name: 'Apply the decisions' }).click();
    await expect
      .poll(() => review.getByTestId('review-decision').allTextContents())
      .toContainEqual(expect.stringContaining('denied · by Adele Vance · applied'));
    const group = (await env.sandbox.control.state()).tenants
      .find((t) => t.id === CONTOSO)
      ?.groups.find((g) => g.id === SALES_GROUP);
    expect(group?.members).not.toContain(KIM);
    await popup.close();
  });
});
