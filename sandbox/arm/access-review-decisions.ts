import type { ApiResponse } from '../api.ts';
import { transitiveMembers } from '../graph/groups.ts';
import type { SandboxAccessReview, SandboxReviewDecision, SandboxTenant } from '../store.ts';
import { AUTH, ancestors, type Caller } from './caller.ts';
import { roleIn, within } from './roles.ts';
import { holdsNow } from './schedules.ts';

/** The scope filter a definition was made with (AccessReviewScope); absent assignmentState: active and eligible. */
interface ReviewFilter {
  principalType?: string;
  assignmentState?: 'active' | 'eligible';
  includeInheritedAccess?: boolean;
  includeAccessBelowResource?: boolean;
}

/** Whether an assignment at `at` is in a review of `scope`: at it, above it when inherited access is included, below when asked. */
function inReview(at: string, scope: string, f: ReviewFilter): boolean {
  if (at.toLowerCase() === scope.toLowerCase()) return true;
  if (f.includeInheritedAccess && ancestors(scope).includes(at.toLowerCase())) return true;
  return !!f.includeAccessBelowResource && within(at, scope);
}

/** `guestUser`: guests only; `redeemedGuestUser`: guests who accepted; `user`, `user,group`: every user. */
function principalIn(tenant: SandboxTenant, id: string, type: string | undefined): boolean {
  const u = tenant.users.find((x) => x.id === id);
  if (!u) return false;
  if (type === 'guestUser') return u.userType === 'Guest';
  if (type === 'redeemedGuestUser') return u.userType === 'Guest' && u.externalUserState === 'Accepted';
  return true;
}

/**
 * One decision, not reviewed yet, for each user holding (or eligible for) a role in the review's reach as it starts:
 * held themselves (`direct`), or through a group holding it, nested groups' members included (`indirect`), one
 * decision a user and role however many ways it reaches them (AccessReviewDecisionPrincipalResourceMembership).
 */
export function reviewDecisions(c: Caller, review: SandboxAccessReview): SandboxReviewDecision[] {
  const f = (review.properties.scope ?? {}) as ReviewFilter;
  const held = [
    ...(f.assignmentState === 'eligible'
      ? []
      : c.azure.roleAssignments.filter((a) => holdsNow(a)).map((a) => ({ ...a, state: 'active' as const }))),
    ...(f.assignmentState === 'active' ? [] : c.azure.eligibilitySchedules.map((e) => ({ ...e, state: 'eligible' as const }))),
  ];
  const decisions = new Map<string, SandboxReviewDecision>();
  for (const a of held.filter((x) => inReview(x.scope, review.scope, f))) {
    const group = c.tenant.groups.find((g) => g.id === a.principalId);
    const reached = group ? transitiveMembers(c.tenant, group).users : [a.principalId];
    const membership = group ? ('indirect' as const) : ('direct' as const);
    for (const principalId of reached.filter((id) => principalIn(c.tenant, id, f.principalType))) {
      const key = `${principalId}|${a.roleDefinitionId}|${a.state}`;
      const known = decisions.get(key);
      if (known) {
        known.membershipTypes = [...new Set([...(known.membershipTypes ?? []), membership])];
        continue;
      }
      decisions.set(key, {
        name: crypto.randomUUID(),
        principalId,
        roleDefinitionId: a.roleDefinitionId,
        assignmentState: a.state,
        membershipTypes: [membership],
        decision: 'NotReviewed',
        applyResult: 'New',
      });
    }
  }
  return [...decisions.values()];
}

export function decisionList(c: Caller, review: SandboxAccessReview) {
  return review.decisions.map((d) => {
    const u = c.tenant.users.find((x) => x.id === d.principalId);
    const reviewer = d.reviewedBy ? c.tenant.users.find((x) => x.id === d.reviewedBy) : undefined;
    return {
      id: `${review.scope}${AUTH}accessReviewScheduleDefinitions/${review.name}/instances/${review.instance.name}/decisions/${d.name}`,
      name: d.name,
      type: 'Microsoft.Authorization/accessReviewScheduleDefinitions/instances/decisions',
      properties: {
        principal: {
          type: 'user',
          id: d.principalId,
          displayName: u?.displayName ?? '',
          userPrincipalName: u?.userPrincipalName ?? '',
        },
        resource: {
          type: 'azureRole',
          id: review.scope,
          displayName: roleIn(c.azure, d.roleDefinitionId)?.properties.roleName ?? '',
        },
        recommendation: 'NoInfoAvailable',
        decision: d.decision,
        ...(d.justification ? { justification: d.justification } : {}),
        reviewedDateTime: d.reviewedDateTime ?? null,
        reviewedBy: reviewer
          ? {
              principalId: reviewer.id,
              principalType: 'user',
              principalName: reviewer.displayName,
              userPrincipalName: reviewer.userPrincipalName,
            }
          : null,
        applyResult: d.applyResult,
        appliedDateTime: d.appliedDateTime ?? null,
        principalResourceMembership: { membershipTypes: d.membershipTypes ?? ['direct'] },
      },
    };
  });
}

/**
 * applyDecisions (ScopeAccessReviewInstance_ApplyDecisions, 204): a denied person loses the access reviewed at the
 * review's scope (the assignment or the eligibility); every reviewed decision is marked applied.
 */
export function applyDecisions(c: Caller, review: SandboxAccessReview): ApiResponse {
  const now = new Date().toISOString();
  for (const d of review.decisions.filter((x) => x.decision !== 'NotReviewed' && x.applyResult === 'New')) {
    if (d.decision === 'Deny') {
      const gone = (a: { scope: string; principalId: string; roleDefinitionId: string }) =>
        a.principalId === d.principalId &&
        a.roleDefinitionId === d.roleDefinitionId &&
        a.scope.toLowerCase() === review.scope.toLowerCase();
      if (d.assignmentState === 'active') c.azure.roleAssignments = c.azure.roleAssignments.filter((a) => !gone(a));
      else c.azure.eligibilitySchedules = c.azure.eligibilitySchedules.filter((a) => !gone(a));
    }
    Object.assign(d, { applyResult: 'AppliedSuccessfully', appliedDateTime: now });
  }
  return { status: 204 };
}

/**
 * A reviewer's decision, as a reviewer makes it in My Access (control API only: a test's "decision made in the
 * sandbox"). A string: why it could not be recorded.
 */
export function recordDecision(
  tenant: SandboxTenant,
  definition: string,
  body: { principalId?: unknown; decision?: unknown; reviewerId?: unknown; justification?: unknown },
): SandboxReviewDecision | string {
  const review = tenant.azure?.accessReviews?.find((r) => r.name.toLowerCase() === definition.toLowerCase());
  if (!review) return `no access review ${definition}`;
  const d = review.decisions.find((x) => x.principalId === body.principalId);
  if (!d) return `no decision for ${String(body.principalId)} in ${definition}`;
  if (!['Approve', 'Deny', 'DontKnow'].includes(body.decision as string)) return 'decision must be Approve, Deny or DontKnow';
  Object.assign(d, {
    decision: body.decision,
    reviewedBy: typeof body.reviewerId === 'string' ? body.reviewerId : undefined,
    reviewedDateTime: new Date().toISOString(),
    ...(typeof body.justification === 'string' ? { justification: body.justification } : {}),
  });
  return d;
}
