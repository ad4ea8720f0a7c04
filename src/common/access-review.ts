import { groupOfScope, type ReviewDraft } from './access-review-schema.ts';
import { t } from './i18n.ts';
import type { OperationRecord } from './operation.ts';
import { describeScope } from './page-context.ts';

export type { ReviewDraft };

/** A guest who holds a role at the scope (directly, through a group, or from above), with their sponsors. */
export interface ReviewGuest {
  id: string;
  displayName: string;
  sponsors: { id: string; displayName: string }[];
}

/** One decision of a running review: whose access, what the reviewer said, and whether it was applied. */
export interface ReviewDecisionView {
  principalName: string;
  roleName: string;
  decision: string;
  reviewedBy: string | null;
  applied: boolean;
}

/** A review running at the scope, with its progress (decisions made of all) and its decisions. */
export interface RunningReview {
  id: string;
  instanceId: string | null;
  displayName: string;
  status: string;
  guestsOnly: boolean;
  autoApply: boolean;
  endDateTime: string | null;
  decided: number;
  total: number;
  decisions: ReviewDecisionView[];
  /** Whether its decisions may be applied now (Graph's only once its instance is Completed). */
  canApply: boolean;
}

/** What the access review view reads before anything is created: the licence, the scope's guests, its reviews. */
export interface ReviewsHere {
  /** An Azure scope, or `/groups/{id}`: the group of the page (an app's audience, an environment's security group). */
  scope: string;
  /** The group's display name, for a group's reviews. */
  scopeName?: string;
  /** False: the tenant holds neither Microsoft Entra ID P2 nor Microsoft Entra ID Governance; nothing can be created. */
  licensed: boolean;
  guests: ReviewGuest[];
  reviews: RunningReview[];
}

/** A review being created, run by the engine: its ARM name chosen once, the reviewers found when it started. */
export interface AccessReviewRecord extends OperationRecord {
  definitionName: string;
  draft: ReviewDraft;
  reviewerIds: string[];
  /** Set when ARM holds it (made now, or found by its display name and scope after a lost answer). */
  created?: { name: string; found: boolean };
}

/** What a review covers, in words: the Azure scope, or the group by name. */
export const reviewScopeWords = (scope: string, name?: string): string => {
  const group = groupOfScope(scope);
  return group ? t('reviewGroupWords', name ?? group) : describeScope(scope);
};
