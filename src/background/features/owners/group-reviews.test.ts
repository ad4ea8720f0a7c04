import type { Client } from '@microsoft/microsoft-graph-client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccessReviewRecord } from '../../../common/access-review.ts';
import { groupReviewBody } from './group-reviews-body.ts';

const GROUP = '0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';
const OWNER = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
const SPONSOR = 'd2b1f5c3-8e4a-4b62-8c73-1f9a2e3d4c5b';

/** The definitions Graph lists on the group, the filters asked for, and each creation sent. */
let listed: { id: string; displayName: string }[] = [];
const filters: string[] = [];
const posts: unknown[] = [];
vi.mock('../../services/graph/list.ts', () => ({
  graphList: async (_c: unknown, first: Promise<unknown>) => {
    await first;
    return { items: listed, complete: true, read: listed.length, total: listed.length };
  },
}));
const request = {
  filter: (f: string) => {
    filters.push(f);
    return request;
  },
  top: () => request,
  middlewareOptions: () => request,
  get: async () => ({}),
  post: async (body: unknown) => {
    posts.push(body);
    return { id: 'new-id' };
  },
};
const client = { api: () => request } as unknown as Client;
const { createGroupReview } = await import('./group-reviews.ts');

const draft = {
  scope: `/groups/${GROUP}`,
  scopeName: 'Sales Analytics viewers',
  displayName: 'Guests of Sales Analytics viewers',
  reviewers: 'sponsors' as const,
  reviewerIds: [],
  recurrence: 'quarterly' as const,
  durationDays: 14,
  notReviewed: 'remove' as const,
  autoApply: false,
};
const record = (): AccessReviewRecord => ({
  id: 'r',
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
  filters.length = 0;
  posts.length = 0;
});

describe("creating an access review of a group's guests", () => {
  it('looks for it on the group first, with the filter Learn documents, then sends it once', async () => {
    expect(await createGroupReview(client, record(), GROUP)).toEqual({ name: 'new-id', found: false });
    expect(filters).toEqual([`contains(scope/microsoft.graph.accessReviewQueryScope/query, '/groups/${GROUP}')`]);
    expect(posts).toHaveLength(1);
  });

  it('sends nothing when a review of that display name is on the group already (a resend after a lost answer)', async () => {
    listed = [{ id: 'old-id', displayName: ' guests of SALES analytics viewers' }];
    expect(await createGroupReview(client, record(), GROUP)).toEqual({ name: 'old-id', found: true });
    expect(posts).toEqual([]);
  });
});

describe('the body of a group review', () => {
  const start = new Date('2026-12-08T09:00:00Z');

  it("reviews the group's guest members, transitively, by the sponsors named as users, the owner as fallback", () => {
    const body = groupReviewBody(draft, GROUP, 'Sales Analytics viewers', [SPONSOR], [OWNER], start);
    expect(body.scope).toEqual({
      '@odata.type': '#microsoft.graph.accessReviewQueryScope',
      query: `/groups/${GROUP}/transitiveMembers/microsoft.graph.user/?$count=true&$filter=(userType eq 'Guest')`,
      queryType: 'MicrosoftGraph',
    });
    expect(body.instanceEnumerationScope.query).toBe(`/groups/${GROUP}`);
    expect(body.reviewers).toEqual([{ query: `/users/${SPONSOR}`, queryType: 'MicrosoftGraph' }]);
    expect(body.fallbackReviewers).toEqual([{ query: `/users/${OWNER}`, queryType: 'MicrosoftGraph' }]);
  });

  it('repeats every three months from a date (an Edm.Date), denying whom nobody reviewed, not applied automatically', () => {
    const { settings } = groupReviewBody(draft, GROUP, 'x', [SPONSOR], [], start);
    expect(settings).toMatchObject({
      instanceDurationInDays: 14,
      defaultDecisionEnabled: true,
      defaultDecision: 'Deny',
      autoApplyDecisionsEnabled: false,
      recurrence: { pattern: { type: 'absoluteMonthly', interval: 3 }, range: { type: 'noEnd', startDate: '2026-12-08' } },
    });
  });

  it('runs once without a pattern, keeping the access of whom nobody reviewed, removing denied guests when applied', () => {
    const once = { ...draft, recurrence: 'once' as const, notReviewed: 'keep' as const, autoApply: true };
    const { settings } = groupReviewBody(once, GROUP, 'x', [OWNER], [], start);
    expect(settings.recurrence).toEqual({ range: { type: 'numbered', numberOfOccurrences: 1, startDate: '2026-12-08' } });
    expect(settings).toMatchObject({ defaultDecisionEnabled: false, defaultDecision: 'None', autoApplyDecisionsEnabled: true });
    expect(settings.applyActions).toEqual([{ '@odata.type': '#microsoft.graph.removeAccessApplyAction' }]);
  });
});
