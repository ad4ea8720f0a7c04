import { describe, expect, it, vi } from 'vitest';
import { reviewDraftAt, reviewGuest } from '../../../../test/support/review-draft.ts';
import type { ReviewsHere } from '../../../common/access-review.ts';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';
import { ErrorCodes } from '../../../common/errors.ts';

const SCOPE = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data';
const ME = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
const ADELE = 'd2b1f5c3-8e4a-4b62-8c73-1f9a2e3d4c5b';
const LEE = 'e3c2a6d4-9f5b-4c73-9d84-2a0b3f4e5d6c';

let here: ReviewsHere;
vi.mock('./reviews-here.ts', () => ({ reviewsHere: async () => here }));
const { reviewStart } = await import('./reviews-start.ts');

const account = { id: ME, username: 'megan@contoso.example', name: 'Megan', tenantId: 't' };
const draft = reviewDraftAt(SCOPE);
const guest = reviewGuest;

describe('starting an access review', () => {
  it('refuses, naming the license, when the tenant has neither Entra ID P2 nor ID Governance', async () => {
    here = { scope: SCOPE, licensed: false, guests: [guest('g1', [ADELE])], reviews: [] };
    await expect(reviewStart(SANDBOX_SETTINGS, account, draft)).rejects.toMatchObject({ code: ErrorCodes.reviewNotLicensed });
  });

  it("names each guest's sponsors once as the reviewers", async () => {
    here = {
      scope: SCOPE,
      licensed: true,
      guests: [guest('g1', [ADELE]), guest('g2', [ADELE, LEE]), guest('g3', [])],
      reviews: [],
    };
    expect((await reviewStart(SANDBOX_SETTINGS, account, draft)).reviewerIds).toEqual([ADELE, LEE]);
  });

  it('refuses a sponsors review when no guest here has a sponsor', async () => {
    here = { scope: SCOPE, licensed: true, guests: [guest('g3', [])], reviews: [] };
    await expect(reviewStart(SANDBOX_SETTINGS, account, draft)).rejects.toMatchObject({ code: ErrorCodes.noReviewers });
  });

  it('has the owner review, or the people named', async () => {
    here = { scope: SCOPE, licensed: true, guests: [], reviews: [] };
    expect((await reviewStart(SANDBOX_SETTINGS, account, { ...draft, reviewers: 'owner' })).reviewerIds).toEqual([ME]);
    const named = { ...draft, reviewers: 'named' as const, reviewerIds: [LEE] };
    expect((await reviewStart(SANDBOX_SETTINGS, account, named)).reviewerIds).toEqual([LEE]);
  });
});
