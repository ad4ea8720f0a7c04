import { isArmScope } from '../logic/arm-id.ts';
import { isOwnGuid } from '../logic/guid.ts';
import { LIMITS } from '../logic/inputs.ts';
import { array, boolean, type Infer, integer, literal, object, optional, string, union } from './schema.ts';

/** An access review of one Azure scope's guests, or one group's (issue 27), as the popup's form asks for it. */

/**
 * A group whose guests a review covers, by Graph's path of it (`/groups/{id}`, as the review's
 * instanceEnumerationScope names it): a Power BI app's audience or an environment's security group.
 */
export const isGroupReviewScope = (v: unknown): v is string =>
  typeof v === 'string' && v.startsWith('/groups/') && v.length === 44 && isOwnGuid(v.slice(8));

/** The group a review scope names, or null for an Azure scope. */
export const groupOfScope = (scope: string): string | null => (isGroupReviewScope(scope) ? scope.slice(8).toLowerCase() : null);

/** What a review covers: an Azure scope (ARM's access reviews there) or a group (Graph's). */
export const isReviewScope = union(isArmScope, isGroupReviewScope);

/** Who reviews: each guest's sponsors, the person starting it (the owner), or people named in the form. */
export const REVIEWERS = ['sponsors', 'owner', 'named'] as const;
/** How often it repeats: once, or every 1, 3, 6 or 12 months (ARM's `absoluteMonthly` pattern). */
export const RECURRENCES = ['once', 'monthly', 'quarterly', 'halfYearly', 'yearly'] as const;
/** What happens to people nobody reviewed when it ends: nothing, they lose the access, or the recommendation. */
export const NOT_REVIEWED = ['keep', 'remove', 'recommendation'] as const;

export const reviewDraft = object({
  scope: isReviewScope,
  /** A group's name as read when the form was shown, for the words of Activity; an Azure scope says itself. */
  scopeName: optional(string(LIMITS.displayName)),
  displayName: string(LIMITS.displayName),
  reviewers: literal(...REVIEWERS),
  /** For `named`: the people; for `sponsors` and `owner` the background finds them, whatever is sent. */
  reviewerIds: array(isOwnGuid, { max: 50 }),
  recurrence: literal(...RECURRENCES),
  durationDays: integer(1, 180),
  notReviewed: literal(...NOT_REVIEWED),
  autoApply: boolean,
});
export type ReviewDraft = Infer<typeof reviewDraft>;
