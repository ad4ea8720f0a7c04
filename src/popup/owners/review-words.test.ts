import { describe, expect, it } from 'vitest';
import { reviewDraftAt, reviewGuest } from '../../../test/support/review-draft.ts';
import type { ReviewsHere } from '../../common/access-review.ts';
import { reviewSummaryWords } from './review-words.ts';

const SCOPE =
  '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01';
const draft = reviewDraftAt(SCOPE, 'Guests of stdata01');
const guest = reviewGuest;
const here = (guests: ReviewsHere['guests']): ReviewsHere => ({ scope: SCOPE, licensed: true, guests, reviews: [] });

describe('the summary of an access review', () => {
  it('says one guest and one reviewer in the singular', () => {
    const words = reviewSummaryWords(draft, here([guest('g1', ['adele'])]), 0);
    expect(words).toContain('reviews the one guest with a role at Storage account stdata01');
    expect(words).toContain('by their sponsors (1 reviewer)');
  });

  it('says several in the plural, with the guests without a sponsor counted', () => {
    const words = reviewSummaryWords(draft, here([guest('g1', ['adele']), guest('g2', ['lee']), guest('g3', [])]), 0);
    expect(words).toContain('reviews the 3 guests with a role');
    expect(words).toContain('by their sponsors (2 reviewers), and you for 1 guest without one');
  });

  it('says none and the one person named in their own words', () => {
    const words = reviewSummaryWords({ ...draft, reviewers: 'named' }, here([]), 1);
    expect(words).toContain('reviews no guest with a role');
    expect(words).toContain('by the person you named,');
  });
});
