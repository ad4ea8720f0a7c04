import { describe, expect, it } from 'vitest';
import { openPopupOn, signInThroughPopup } from './harness.ts';
import { CONTOSO, PASSWORD, sandboxAndBrowser } from './sandbox.ts';

const SUB = '11111111-2222-4333-8444-555555555555';
const STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01`;
const PAT = 'f4d3b7e5-0a6c-4d84-8e95-3b1c4a5f6e7d';
const ADELE = 'd2b1f5c3-8e4a-4b62-8c73-1f9a2e3d4c5b';
/** Microsoft Entra ID P2 (Microsoft's product names and service plan identifiers for licensing). */
const P2 = '84a661c4-e949-4bd2-a560-ed7766fcaf2b';
const env = sandboxAndBrowser();

const reviewsOf = async () =>
  (await env.sandbox.control.state()).tenants.find((t) => t.id === CONTOSO)?.azure?.accessReviews ?? [];

/** The storage account's page in the portal, the Guests tab, its access reviews opened. */
async function reviewsView() {
  const popup = await openPopupOn(env.browser, `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${STORAGE}/overview`);
  await popup.getByRole('tab', { name: 'Guests' }).click();
  await popup.getByRole('button', { name: 'Access reviews of this page' }).click();
  return { popup, view: popup.getByTestId('reviews-here') };
}

describe('Access reviews of an Azure page (issue 27)', () => {
  it('says which license the tenant lacks, offers nothing to create, and creates nothing', async () => {
    const first = await env.browser.openPopup();
    await signInThroughPopup(env.browser, first, 'megan@contoso.example', PASSWORD);
    await first.close();
    const { popup, view } = await reviewsView();
    await expect
      .poll(() => view.getByRole('alert').textContent(), { timeout: 20_000 })
      .toContain('Microsoft Entra ID P2 or Microsoft Entra ID Governance');
    expect(await view.getByRole('button', { name: 'Start an access review' }).count()).toBe(0);
    expect(await reviewsOf()).toEqual([]);
    await popup.close();
  });

  it("creates one review of the storage account's guests with their sponsors as reviewers, through a 503, and shows a decision made since", async () => {
    const c = env.sandbox.control;
    await c.addLicense(CONTOSO, P2, 5);
    await c.addSponsor(CONTOSO, PAT, ADELE);
    // The first creation meets a 503: the resend makes one review, not two.
    await c.addFault({
      host: 'management.azure.com',
      method: 'PUT',
      path: 'accessReviewScheduleDefinitions/[^/]+$',
      status: 503,
      times: 1,
    });
    const { popup, view } = await reviewsView();
    await view.getByText('No access review runs here.').waitFor({ timeout: 20_000 });
    await view.getByRole('button', { name: 'Start an access review' }).click();
    const summary = await view.getByTestId('review-summary').textContent();
    // Pat and Rafael hold roles there themselves, each with a sponsor (Adele is Pat's); Ines holds one through the
    // Relecloud contractors group, and has no sponsor: the owner reviews her.
    expect(summary).toContain('reviews the 3 guests with a role at Storage account stdata01 in rg-data (active and eligible)');
    expect(summary).toContain('by their sponsors (2 reviewers), and you for 1 guest without one');
    await view.getByRole('button', { name: 'Confirm' }).click();

    const review = view.getByTestId('review');
    await expect.poll(() => review.count(), { timeout: 30_000 }).toBe(1);
    expect(await review.getByTestId('review-status').textContent()).toBe('running');
    expect(await review.getByTestId('review-progress').textContent()).toBe('0 of 5 decided');
    const reviews = await reviewsOf();
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ scope: STORAGE, properties: { scope: { principalType: 'guestUser' } } });
    expect(reviews[0]?.properties.reviewers).toContainEqual({ principalId: ADELE });
    expect((await c.faultHits()).filter((h) => h.status === 503)).toHaveLength(1);

    // Adele, the sponsor, denies one of Pat's two roles in My Access.
    await c.recordReviewDecision(CONTOSO, reviews[0]?.name ?? '', { principalId: PAT, decision: 'Deny', reviewerId: ADELE });
    await view.getByRole('button', { name: 'Read again' }).click();
    await expect.poll(() => review.getByTestId('review-progress').textContent()).toBe('1 of 5 decided');
    expect(await review.getByTestId('review-decision').allTextContents()).toContainEqual(
      expect.stringContaining('Pat Ortiz (Storage Blob Data Reader): denied · by Adele Vance'),
    );

    // Decisions are not applied automatically here: the owner applies them, and the denied role is gone.
    await review.getByRole('button', { name: 'Apply the decisions' }).click();
    await expect
      .poll(() => review.getByTestId('review-decision').allTextContents())
      .toContainEqual(expect.stringContaining('denied · by Adele Vance · applied'));
    const eligible = (await env.sandbox.control.state()).tenants
      .find((t) => t.id === CONTOSO)
      ?.azure?.eligibilitySchedules.filter((e) => e.principalId === PAT && e.scope === STORAGE);
    expect(eligible).toHaveLength(1);
    await popup.close();
  });
});
