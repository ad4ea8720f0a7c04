import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccessReviewRecord } from '../../../common/access-review.ts';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';
import { reviewBody } from './reviews-body.ts';

const SCOPE =
  '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01';
const OWNER = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
const SPONSOR = 'd2b1f5c3-8e4a-4b62-8c73-1f9a2e3d4c5b';

/** The definitions ARM lists at the scope, and each write the extension sent. */
let listed: { name: string; properties: { displayName: string; scope?: { resourceId: string } } }[] = [];
const writes: string[] = [];
vi.mock('../../services/arm/client.ts', () => ({
  arm: async (_s: unknown, method: string, path: string) => {
    writes.push(`${method} ${path}`);
    return {};
  },
  armList: async () => ({ items: listed, complete: true, read: listed.length, total: listed.length }),
}));
const { createReview } = await import('./reviews.ts');

const draft = {
  scope: SCOPE,
  displayName: 'Guests of stdata01',
  reviewers: 'sponsors' as const,
  reviewerIds: [],
  recurrence: 'quarterly' as const,
  durationDays: 14,
  notReviewed: 'remove' as const,
  autoApply: false,
};
const record = (): AccessReviewRecord => ({
  id: crypto.randomUUID(),
  tenantId: 't',
  principalId: OWNER,
  username: 'megan@contoso.example',
  createdAt: 0,
  status: 'running',
  steps: [{ kind: 'reviewCreate', state: 'pending' }],
  definitionName: '4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5b',
  draft,
  reviewerIds: [SPONSOR],
});

beforeEach(() => {
  listed = [];
  writes.length = 0;
});

describe('creating an access review at a scope', () => {
  it('sends it under its own name when no review of that name is at the scope', async () => {
    expect(await createReview(SANDBOX_SETTINGS, record())).toEqual({ name: record().definitionName, found: false });
    expect(writes).toEqual([
      `PUT ${SCOPE}/providers/Microsoft.Authorization/accessReviewScheduleDefinitions/${record().definitionName}`,
    ]);
  });

  it('sends nothing when a review of that display name is at the scope already (a resend after a lost answer)', async () => {
    listed = [
      {
        name: 'e3c2a6d4-9f5b-4c73-9d84-2a0b3f4e5d6c',
        properties: { displayName: 'guests of STDATA01 ', scope: { resourceId: SCOPE } },
      },
    ];
    expect(await createReview(SANDBOX_SETTINGS, record())).toEqual({ name: listed[0]?.name, found: true });
    expect(writes).toEqual([]);
  });

  it('creates it when the review of that name is at another scope', async () => {
    listed = [
      {
        name: 'e3c2a6d4-9f5b-4c73-9d84-2a0b3f4e5d6c',
        properties: { displayName: draft.displayName, scope: { resourceId: `${SCOPE}x` } },
      },
    ];
    expect((await createReview(SANDBOX_SETTINGS, record())).found).toBe(false);
    expect(writes).toHaveLength(1);
  });
});

describe('the body of an access review', () => {
  const start = new Date('2026-12-08T09:00:00Z');

  it('reviews guests only, active and eligible, at exactly this scope, by the sponsors, with the owner as backup', () => {
    const body = reviewBody(draft, [SPONSOR], [OWNER], start);
    expect(body.scope).toEqual({ principalType: 'guestUser', includeInheritedAccess: false, includeAccessBelowResource: false });
    expect(body.reviewers).toEqual([{ principalId: SPONSOR }]);
    expect(body.backupReviewers).toEqual([{ principalId: OWNER }]);
  });

  it('repeats every three months for a quarterly review, for 14 days each, denying whom nobody reviewed, not applied automatically', () => {
    const { settings } = reviewBody(draft, [SPONSOR], [], start);
    expect(settings).toMatchObject({
      instanceDurationInDays: 14,
      defaultDecisionEnabled: true,
      defaultDecision: 'Deny',
      autoApplyDecisionsEnabled: false,
      recurrence: { pattern: { type: 'absoluteMonthly', interval: 3 }, range: { type: 'noEnd', startDate: start.toISOString() } },
    });
  });

  it('runs once, keeping the access of whom nobody reviewed, applied automatically', () => {
    const { settings } = reviewBody({ ...draft, recurrence: 'once', notReviewed: 'keep', autoApply: true }, [OWNER], [], start);
    expect(settings.recurrence).toEqual({ range: { type: 'numbered', numberOfOccurrences: 1, startDate: start.toISOString() } });
    expect(settings.defaultDecisionEnabled).toBe(false);
    expect(settings).not.toHaveProperty('defaultDecision');
    expect(settings.autoApplyDecisionsEnabled).toBe(true);
  });
});
