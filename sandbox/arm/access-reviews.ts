import type { ApiResponse } from '../api.ts';
import type { SandboxAccessReview, SandboxTenant } from '../store.ts';
import { applyDecisions, decisionList, reviewDecisions } from './access-review-decisions.ts';
import { AUTH, armError, type Caller, mayDo, refusal } from './caller.ts';

/**
 * Access reviews of Azure role assignments at a scope (Microsoft.Authorization, api-version 2021-12-01-preview,
 * azure-rest-api-specs specification/authorization/resource-manager/Microsoft.Authorization/preview/2021-12-01-preview/
 * authorization-AccessReviewCalls.json @ 65ee5e20b40a1cdce2af21ef7605ee4de10dd78f): `/{scope}/providers/
 * Microsoft.Authorization/accessReviewScheduleDefinitions/{id}` PUT and GET, the list at a scope, the instances of a
 * definition, their decisions, and applyDecisions. A definition starts at once with one instance.
 */

export const REVIEW_TYPE = 'Microsoft.Authorization/accessReviewScheduleDefinitions';

/**
 * Access reviews need Microsoft Entra ID P2 or Microsoft Entra ID Governance (learn: id-governance/licensing-fundamentals,
 * "Access reviews"). The SKUs here are those of ../shared/data/license-skus.json whose plans hold AAD_PREMIUM_P2.
 */
const GOVERNANCE_SKUS = new Set(['84a661c4-e949-4bd2-a560-ed7766fcaf2b', '06ebc4ee-1bb5-47dd-8120-11324bc54e06']);
export const hasGovernanceLicense = (tenant: SandboxTenant) =>
  (tenant.subscriptions ?? []).some((s) => GOVERNANCE_SKUS.has(s.skuId) && s.enabled > 0);

/**
 * Microsoft documents no error code for a tenant without the licence; the service refuses the creation. The sandbox
 * answers 403 in ARM's error shape; the extension says which licence is missing before it sends anything (its pre-check).
 */
const unlicensed = () =>
  armError(
    403,
    'AccessReviewsNotLicensed',
    'Access reviews require a Microsoft Entra ID P2 or Microsoft Entra ID Governance license in the tenant.',
  );

const sameScope = (a: string, b: string) => a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

function person(c: Caller, id: string) {
  const u = c.tenant.users.find((x) => x.id === id);
  return {
    principalId: id,
    principalType: 'user',
    principalName: u?.displayName ?? '',
    userPrincipalName: u?.userPrincipalName ?? '',
  };
}

export function definitionResource(c: Caller, r: SandboxAccessReview) {
  const { scope: filter, ...rest } = r.properties as { scope?: Record<string, unknown> };
  return {
    id: `${r.scope}${AUTH}accessReviewScheduleDefinitions/${r.name}`,
    name: r.name,
    type: REVIEW_TYPE,
    properties: {
      ...rest,
      status: 'InProgress',
      createdBy: person(c, r.createdBy),
      scope: { ...filter, resourceId: r.scope },
      reviewersType: 'Assigned',
    },
  };
}

function instanceResource(r: SandboxAccessReview) {
  const p = r.properties as { reviewers?: unknown[]; backupReviewers?: unknown[] };
  return {
    id: `${r.scope}${AUTH}accessReviewScheduleDefinitions/${r.name}/instances/${r.instance.name}`,
    name: r.instance.name,
    type: `${REVIEW_TYPE}/instances`,
    properties: {
      status: 'InProgress',
      startDateTime: r.instance.startDateTime,
      endDateTime: r.instance.endDateTime,
      reviewers: p.reviewers ?? [],
      backupReviewers: p.backupReviewers ?? [],
      reviewersType: 'Assigned',
    },
  };
}

const reviewsAt = (c: Caller, scope: string) => (c.azure.accessReviews ?? []).filter((r) => sameScope(r.scope, scope));

/** PUT: a new definition (its instance and the decisions of who holds access now), or the same one changed. */
function putDefinition(c: Caller, scope: string, name: string, body: Record<string, unknown>): ApiResponse {
  const action = 'Microsoft.Authorization/roleAssignments/write';
  if (!mayDo(c, scope, action)) return refusal(c, action, scope);
  if (!hasGovernanceLicense(c.tenant)) return unlicensed();
  const settings = (body.settings ?? {}) as { instanceDurationInDays?: number; recurrence?: { range?: { startDate?: string } } };
  if (typeof body.displayName !== 'string' || !body.displayName.trim())
    return armError(400, 'InvalidRequest', 'displayName is required.');
  if (!Array.isArray(body.reviewers) || body.reviewers.length === 0)
    return armError(400, 'InvalidRequest', 'At least one reviewer is required for a review with assigned reviewers.');
  const found = reviewsAt(c, scope).find((r) => r.name.toLowerCase() === name.toLowerCase());
  if (found) {
    found.properties = body;
    return { status: 200, body: definitionResource(c, found) };
  }
  const start = settings.recurrence?.range?.startDate ?? new Date().toISOString();
  const days = settings.instanceDurationInDays ?? 14;
  const review: SandboxAccessReview = {
    name,
    scope,
    properties: body,
    createdBy: c.token.userId,
    createdOn: new Date().toISOString(),
    instance: {
      name: crypto.randomUUID(),
      startDateTime: start,
      endDateTime: new Date(Date.parse(start) + days * 86_400_000).toISOString(),
    },
    decisions: [],
  };
  review.decisions = reviewDecisions(c, review);
  c.azure.accessReviews = [...(c.azure.accessReviews ?? []), review];
  return { status: 200, body: definitionResource(c, review) };
}

/** The routes under `{scope}/providers/Microsoft.Authorization/accessReviewScheduleDefinitions`; null: not one of them. */
export function accessReviewRoute(c: Caller, method: string, scope: string, rest: string, body: unknown): ApiResponse | null {
  const m =
    /^accessReviewScheduleDefinitions(?:\/([^/]+)(?:\/instances(?:\/([^/]+)(?:\/(decisions|applyDecisions))?)?)?)?$/i.exec(rest);
  if (!m) return null;
  const [, name, instance, action] = m;
  if (!name && method === 'GET')
    return { status: 200, body: { value: reviewsAt(c, scope).map((r) => definitionResource(c, r)) } };
  if (!name) return null;
  if (!instance && method === 'PUT' && !rest.includes('/instances'))
    return putDefinition(c, scope, name, (body ?? {}) as Record<string, unknown>);
  const review = reviewsAt(c, scope).find((r) => r.name.toLowerCase() === name.toLowerCase());
  const missing = armError(404, 'AccessReviewNotFound', `The access review schedule definition '${name}' was not found.`);
  if (!review) return method === 'GET' || method === 'POST' ? missing : null;
  if (!rest.includes('/instances') && method === 'GET') return { status: 200, body: definitionResource(c, review) };
  if (!instance && method === 'GET') return { status: 200, body: { value: [instanceResource(review)] } };
  if (instance?.toLowerCase() !== review.instance.name.toLowerCase()) return missing;
  if (action === 'decisions' && method === 'GET') return { status: 200, body: { value: decisionList(c, review) } };
  if (action === 'applyDecisions' && method === 'POST') return applyDecisions(c, review);
  if (!action && method === 'GET') return { status: 200, body: instanceResource(review) };
  return null;
}
