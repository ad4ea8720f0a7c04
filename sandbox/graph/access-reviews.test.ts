import { beforeEach, describe, expect, it } from 'vitest';
import { CONTOSO, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { recordGroupDecision } from './access-review-items.ts';
import { ADELE, graphClient, KIM, LEE, MEGAN, rowsOf, SALES_GROUP, SCOPES } from './graph-test-client.ts';

const sandbox = sandboxPerFile();
const graph = graphClient(sandbox);
const P2 = '84a661c4-e949-4bd2-a560-ed7766fcaf2b';
const REVIEWS = [...SCOPES, 'https://graph.microsoft.com/AccessReview.ReadWrite.All'];
const DEF = '/identityGovernance/accessReviews/definitions';
const tenant = () => {
  const t = sandbox().store.tenant(CONTOSO);
  if (!t) throw new Error('no Contoso');
  return t;
};

/** A review of the Sales Analytics viewers' guests (learn: accessreviewset-post-definitions, a group's guests). */
const body = (displayName = 'Guests of Sales Analytics viewers') => ({
  displayName,
  descriptionForAdmins: 'Guests of the app audience',
  descriptionForReviewers: 'Does this guest still need the app?',
  scope: {
    '@odata.type': '#microsoft.graph.accessReviewQueryScope',
    query: `/groups/${SALES_GROUP}/transitiveMembers/microsoft.graph.user/?$count=true&$filter=(userType eq 'Guest')`,
    queryType: 'MicrosoftGraph',
  },
  instanceEnumerationScope: {
    '@odata.type': '#microsoft.graph.accessReviewQueryScope',
    query: `/groups/${SALES_GROUP}`,
    queryType: 'MicrosoftGraph',
  },
  reviewers: [{ query: `/users/${ADELE}`, queryType: 'MicrosoftGraph' }],
  settings: {
    mailNotificationsEnabled: true,
    reminderNotificationsEnabled: true,
    justificationRequiredOnApproval: false,
    defaultDecisionEnabled: false,
    defaultDecision: 'None',
    instanceDurationInDays: 14,
    autoApplyDecisionsEnabled: false,
    recommendationsEnabled: true,
    recurrence: { range: { type: 'numbered', numberOfOccurrences: 1, startDate: '2026-12-08' } },
  },
});
const post = (b: unknown = body(), user = MEGAN) => graph('POST', DEF, { body: b, user, scopes: REVIEWS });
const get = (path: string) => graph('GET', path, { scopes: REVIEWS });

beforeEach(() => {
  tenant().subscriptions = [...(tenant().subscriptions ?? []).filter((s) => s.skuId !== P2), { skuId: P2, enabled: 5 }];
  tenant().groupReviews = [];
});

describe("Graph access reviews of a group's guests", () => {
  it('creates a definition, lists it by its group, and starts its instance with a decision per guest member only', async () => {
    const made = await post();
    expect(made.status).toBe(201);
    const id = (made.body as { id: string }).id;
    const listed = await get(
      `${DEF}?$filter=${encodeURIComponent(`contains(scope/microsoft.graph.accessReviewQueryScope/query, '/groups/${SALES_GROUP}')`)}`,
    );
    expect(rowsOf(listed).map((d) => d.id)).toEqual([id]);
    const other = await get(
      `${DEF}?$filter=${encodeURIComponent("contains(scope/microsoft.graph.accessReviewQueryScope/query, '/groups/x')")}`,
    );
    expect(rowsOf(other)).toEqual([]);
    const [instance] = rowsOf<{ id: string; status: string }>(await get(`${DEF}/${id}/instances`));
    expect(instance?.status).toBe('InProgress');
    const decisions = rowsOf<{ principal: { id: string }; decision: string }>(
      await get(`${DEF}/${id}/instances/${instance?.id}/decisions`),
    );
    // Lee Gu is a member, not a guest: only Kim Akers is reviewed.
    expect(decisions.map((d) => [d.principal.id, d.decision])).toEqual([[KIM, 'NotReviewed']]);
  });

  it('refuses a tenant without Microsoft Entra ID P2 or ID Governance, and creates nothing', async () => {
    tenant().subscriptions = (tenant().subscriptions ?? []).filter((s) => s.skuId !== P2);
    const refused = await post();
    expect(refused.status).toBe(403);
    expect(tenant().groupReviews).toEqual([]);
  });

  it('refuses a caller without AccessReview.ReadWrite.All, and one without a role that may create reviews', async () => {
    expect((await graph('POST', DEF, { body: body() })).status).toBe(403);
    expect((await post(body(), LEE)).status).toBe(403);
  });

  it('pages the list with $top and $skip', async () => {
    for (const n of [1, 2, 3]) await post(body(`Review ${n}`));
    const first = await get(`${DEF}?$top=2&$skip=0`);
    expect(rowsOf(first)).toHaveLength(2);
    const next = (first.body as { '@odata.nextLink': string })['@odata.nextLink'];
    const second = await get(next.replace('https://graph.microsoft.com/v1.0', ''));
    expect(rowsOf(second)).toHaveLength(1);
  });

  it('applies decisions once the instance has ended: a denied guest leaves the group', async () => {
    const id = ((await post()).body as { id: string }).id;
    const review = tenant().groupReviews?.[0];
    if (!review) throw new Error('no review');
    const apply = `${DEF}/${id}/instances/${review.instance.id}/applyDecisions`;
    recordGroupDecision(tenant(), id, { principalId: KIM, decision: 'Deny', reviewerId: ADELE });
    expect((await graph('POST', apply, { scopes: REVIEWS })).status).toBe(400);
    recordGroupDecision(tenant(), id, { complete: true });
    expect((await graph('POST', apply, { scopes: REVIEWS })).status).toBe(204);
    expect(tenant().groups.find((g) => g.id === SALES_GROUP)?.members).not.toContain(KIM);
    const [decision] = rowsOf<{ applyResult: string; reviewedBy: { displayName: string } }>(
      await get(`${DEF}/${id}/instances/${review.instance.id}/decisions`),
    );
    expect(decision).toMatchObject({ applyResult: 'AppliedSuccessfully', reviewedBy: { displayName: 'Adele Vance' } });
  });
});
