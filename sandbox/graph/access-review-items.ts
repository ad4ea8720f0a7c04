import type { ApiResponse } from '../api.ts';
import type { SandboxGroupDecision, SandboxGroupReview, SandboxTenant, SandboxUser } from '../store.ts';
import { currentMembers } from './groups.ts';

/**
 * The shapes Graph answers for an access review of a group's members (learn: accessreviewscheduledefinition,
 * accessreviewinstance, accessreviewinstancedecisionitem; the types as ../shared/contracts/graph/v1.0.csdl.xml
 * defines them), and what the sandbox does with a definition's one instance.
 */

const userIdentity = (u: SandboxUser | undefined, id: string) => ({
  '@odata.type': '#microsoft.graph.userIdentity',
  id,
  displayName: u?.displayName ?? null,
  userPrincipalName: u?.userPrincipalName ?? null,
});

const userOf = (tenant: SandboxTenant, id: string | undefined) => tenant.users.find((u) => u.id === id);

/** Settings as Graph gives them back: what was sent, with the documented defaults of what was left out. */
function settingsOf(body: Record<string, unknown>): Record<string, unknown> {
  const sent = (body.settings ?? {}) as Record<string, unknown>;
  return {
    mailNotificationsEnabled: false,
    reminderNotificationsEnabled: false,
    justificationRequiredOnApproval: false,
    defaultDecisionEnabled: false,
    defaultDecision: 'None',
    instanceDurationInDays: 0,
    autoApplyDecisionsEnabled: false,
    recommendationsEnabled: false,
    applyActions: [],
    ...sent,
  };
}

export function definitionResource(tenant: SandboxTenant, r: SandboxGroupReview): Record<string, unknown> {
  const b = r.body;
  return {
    id: r.id,
    displayName: b.displayName,
    createdDateTime: r.createdDateTime,
    lastModifiedDateTime: r.createdDateTime,
    status: r.instance.status,
    descriptionForAdmins: b.descriptionForAdmins ?? null,
    descriptionForReviewers: b.descriptionForReviewers ?? null,
    createdBy: userIdentity(userOf(tenant, r.createdBy), r.createdBy),
    scope: b.scope,
    instanceEnumerationScope: b.instanceEnumerationScope ?? null,
    reviewers: b.reviewers ?? [],
    fallbackReviewers: b.fallbackReviewers ?? [],
    settings: settingsOf(b),
    additionalNotificationRecipients: [],
  };
}

export function instanceResource(r: SandboxGroupReview): Record<string, unknown> {
  return {
    id: r.instance.id,
    startDateTime: r.instance.startDateTime,
    endDateTime: r.instance.endDateTime,
    status: r.instance.status,
    scope: {
      '@odata.type': '#microsoft.graph.accessReviewQueryScope',
      query: `/groups/${r.groupId}/transitiveMembers`,
      queryType: 'MicrosoftGraph',
    },
    reviewers: r.body.reviewers ?? [],
    fallbackReviewers: r.body.fallbackReviewers ?? [],
  };
}

export function decisionResource(tenant: SandboxTenant, r: SandboxGroupReview, d: SandboxGroupDecision): Record<string, unknown> {
  const group = tenant.groups.find((g) => g.id === r.groupId);
  return {
    id: d.id,
    accessReviewId: r.instance.id,
    decision: d.decision,
    justification: d.justification ?? null,
    recommendation: 'NoInfoAvailable',
    applyResult: d.applyResult,
    appliedDateTime: d.appliedDateTime ?? null,
    appliedBy: d.appliedDateTime ? userIdentity(userOf(tenant, r.createdBy), r.createdBy) : null,
    reviewedDateTime: d.reviewedDateTime ?? null,
    reviewedBy: d.reviewedBy ? userIdentity(userOf(tenant, d.reviewedBy), d.reviewedBy) : null,
    principal: userIdentity(userOf(tenant, d.principalId), d.principalId),
    principalLink: `https://graph.microsoft.com/v1.0/users/${d.principalId}`,
    resource: { id: r.groupId, displayName: group?.displayName ?? null, type: 'group' },
    resourceLink: `https://graph.microsoft.com/v1.0/groups/${r.groupId}`,
  };
}

/** One decision, not reviewed yet, for each member the scope reaches as the instance starts (guests only when it says so). */
export function startingDecisions(tenant: SandboxTenant, groupId: string, guestsOnly: boolean): SandboxGroupDecision[] {
  const group = tenant.groups.find((g) => g.id === groupId);
  if (!group) return [];
  return currentMembers(tenant, group)
    .map((id) => userOf(tenant, id))
    .filter((u): u is SandboxUser => !!u && (!guestsOnly || u.userType === 'Guest'))
    .map((u) => ({ id: crypto.randomUUID(), principalId: u.id, decision: 'NotReviewed', applyResult: 'New' }));
}

/**
 * applyDecisions (learn: accessreviewinstance-applydecisions, 204): only once the instance is Completed, as Learn
 * says; Learn gives no error for an instance still running: the sandbox answers 400 `BadRequest` of its own. A denied
 * member leaves the group; every reviewed decision is marked applied.
 */
export function applyDecisions(tenant: SandboxTenant, r: SandboxGroupReview, refuse: () => ApiResponse): ApiResponse {
  if (r.instance.status !== 'Completed') return refuse();
  const group = tenant.groups.find((g) => g.id === r.groupId);
  const now = new Date().toISOString();
  for (const d of r.decisions.filter((x) => x.decision !== 'NotReviewed' && x.applyResult === 'New')) {
    const member = group?.members.includes(d.principalId);
    if (d.decision === 'Deny' && group) group.members = group.members.filter((id) => id !== d.principalId);
    Object.assign(d, {
      applyResult: d.decision === 'Deny' && !member ? 'AppliedSuccessfullyButObjectNotFound' : 'AppliedSuccessfully',
      appliedDateTime: now,
    });
  }
  return { status: 204 };
}

/**
 * A reviewer's decision (control API only, as a reviewer records it in My Access), or the instance ended
 * (`complete: true`, as when its duration has passed). A string: why it could not be recorded.
 */
export function recordGroupDecision(
  tenant: SandboxTenant,
  id: string,
  body: { principalId?: unknown; decision?: unknown; reviewerId?: unknown; complete?: unknown },
): SandboxGroupReview | string {
  const review = tenant.groupReviews?.find((r) => r.id.toLowerCase() === id.toLowerCase());
  if (!review) return `no access review ${id}`;
  if (body.complete === true) {
    review.instance.status = 'Completed';
    return review;
  }
  const d = review.decisions.find((x) => x.principalId === body.principalId);
  if (!d) return `no decision for ${String(body.principalId)} in ${id}`;
  if (!['Approve', 'Deny', 'DontKnow'].includes(body.decision as string)) return 'decision must be Approve, Deny or DontKnow';
  Object.assign(d, {
    decision: body.decision,
    reviewedBy: typeof body.reviewerId === 'string' ? body.reviewerId : undefined,
    reviewedDateTime: new Date().toISOString(),
  });
  return review;
}
