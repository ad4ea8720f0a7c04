import { beforeEach, describe, expect, it } from 'vitest';
import { CONTOSO, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { recordDecision } from './access-review-decisions.ts';
import { ADELE, AUTH, armClient, MEGAN, PAT, ROLES, STORAGE } from './arm-test-client.ts';

const sandbox = sandboxPerFile();
const arm = armClient(sandbox);
const V = 'api-version=2021-12-01-preview';
const P2 = '84a661c4-e949-4bd2-a560-ed7766fcaf2b';
const definitions = `${STORAGE}${AUTH}/accessReviewScheduleDefinitions`;
const tenant = () => {
  const t = sandbox().store.tenant(CONTOSO);
  if (!t) throw new Error('no Contoso');
  return t;
};

/** A review of the storage account's guests, active and eligible, as the extension sends it. */
const body = (displayName = 'Guests of stdata01') => ({
  displayName,
  descriptionForReviewers: 'Does this guest still need access?',
  settings: {
    defaultDecisionEnabled: true,
    defaultDecision: 'Deny',
    autoApplyDecisionsEnabled: false,
    instanceDurationInDays: 14,
    recurrence: {
      pattern: { type: 'absoluteMonthly', interval: 3 },
      range: { type: 'noEnd', startDate: new Date().toISOString() },
    },
  },
  scope: { principalType: 'guestUser', includeInheritedAccess: true, includeAccessBelowResource: false },
  reviewers: [{ principalId: ADELE }],
});

beforeEach(() => {
  tenant().subscriptions = [...(tenant().subscriptions ?? []).filter((s) => s.skuId !== P2), { skuId: P2, enabled: 5 }];
  if (tenant().azure) (tenant().azure as { accessReviews?: unknown[] }).accessReviews = [];
});

const RAFAEL = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const TOMAS = '9e3f4a5b-6c7d-4e8f-a09b-1c2d3e4f5a6b';
const INES = '8d2e3f4a-5b6c-4d7e-9f8a-0b1c2d3e4f5a';

describe('ARM access reviews at a scope', () => {
  it('creates a review of the scope for guests, lists it there, and starts its instance with a decision per guest', async () => {
    const name = crypto.randomUUID();
    const made = await arm('PUT', `${definitions}/${name}?${V}`, MEGAN, body());
    expect(made).toMatchObject({
      status: 200,
      body: { name, properties: { status: 'InProgress', scope: { principalType: 'guestUser', resourceId: STORAGE } } },
    });
    const listed = await arm('GET', `${definitions}?${V}`, MEGAN);
    expect((listed.body as { value: { name: string }[] }).value.map((d) => d.name)).toEqual([name]);
    const instances = await arm('GET', `${definitions}/${name}/instances?${V}`, MEGAN);
    const [instance] = (instances.body as { value: { name: string }[] }).value;
    const decisions = await arm('GET', `${definitions}/${name}/instances/${instance?.name}/decisions?${V}`, MEGAN);
    type Decision = { properties: { principal: { id: string }; principalResourceMembership: { membershipTypes: string[] } } };
    const value = (decisions.body as { value: Decision[] }).value;
    const who = value.map((d) => d.properties.principal.id);
    // The storage account's guests: Pat (two eligible roles), Rafael (a direct role, and Reader through Relecloud
    // contractors), Ines (through that group only) and Tomás (Reader inherited from the subscription); Megan and
    // Adele, members above it, are not reviewed.
    expect(new Set(who)).toEqual(new Set([PAT, RAFAEL, INES, TOMAS]));
    const ines = value.filter((d) => d.properties.principal.id === INES);
    expect(ines.map((d) => d.properties.principalResourceMembership.membershipTypes)).toEqual([['indirect']]);
  });

  it('puts the same definition again without a second one', async () => {
    const name = crypto.randomUUID();
    await arm('PUT', `${definitions}/${name}?${V}`, MEGAN, body());
    await arm('PUT', `${definitions}/${name}?${V}`, MEGAN, body());
    expect(tenant().azure?.accessReviews).toHaveLength(1);
  });

  it('refuses a tenant without Entra ID P2 or ID Governance, and creates nothing', async () => {
    tenant().subscriptions = (tenant().subscriptions ?? []).filter((s) => s.skuId !== P2);
    const refused = await arm('PUT', `${definitions}/${crypto.randomUUID()}?${V}`, MEGAN, body());
    expect(refused.status).toBe(403);
    expect(tenant().azure?.accessReviews).toHaveLength(0);
  });

  it('refuses a caller who may not write role assignments at the scope', async () => {
    const refused = await arm('PUT', `${definitions}/${crypto.randomUUID()}?${V}`, PAT, body());
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'AuthorizationFailed' } } });
  });

  it('shows a reviewer decision and applies a denial: the guest loses the access reviewed', async () => {
    const name = crypto.randomUUID();
    await arm('PUT', `${definitions}/${name}?${V}`, MEGAN, body());
    expect(recordDecision(tenant(), name, { principalId: PAT, decision: 'Deny', reviewerId: ADELE })).not.toBeTypeOf('string');
    const review = tenant().azure?.accessReviews?.[0];
    const path = `${definitions}/${name}/instances/${review?.instance.name}`;
    const decided = await arm('GET', `${path}/decisions?${V}`, MEGAN);
    expect((decided.body as { value: { properties: { decision: string } }[] }).value.map((d) => d.properties.decision)).toContain(
      'Deny',
    );
    expect((await arm('POST', `${path}/applyDecisions?${V}`, MEGAN)).status).toBe(204);
    const left = tenant().azure?.eligibilitySchedules.filter((e) => e.principalId === PAT && e.scope === STORAGE) ?? [];
    expect(left.map((e) => e.roleDefinitionId)).not.toContain(ROLES.blobReader);
  });
});
