import { isArmScope } from '../logic/arm-id.ts';
import { isOwnGuid } from '../logic/guid.ts';
import { LIMITS } from '../logic/inputs.ts';
import { array, boolean, type Infer, integer, literal, object, string } from './schema.ts';

/** An access review of one Azure scope's guests (issue 27), as the popup's form asks for it. */

/** Who reviews: each guest's sponsors, the person starting it (the owner), or people named in the form. */
export const REVIEWERS = ['sponsors', 'owner', 'named'] as const;
/** How often it repeats: once, or every 1, 3, 6 or 12 months (ARM's `absoluteMonthly` pattern). */
export const RECURRENCES = ['once', 'monthly', 'quarterly', 'halfYearly', 'yearly'] as const;
/** What happens to people nobody reviewed when it ends: nothing, they lose the access, or the recommendation. */
export const NOT_REVIEWED = ['keep', 'remove', 'recommendation'] as const;

export const reviewDraft = object({
  scope: isArmScope,
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
