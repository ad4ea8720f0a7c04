import type { Activation } from '../../../common/my-access.ts';
import { activationDraft, deactivationDraft } from '../../../common/my-access-schema.ts';
import { integer } from '../../../common/schema.ts';
import { isGuid } from '../../../logic/guid.ts';

/**
 * What is wrong with a stored activation (it steers requests), in words, or null: checked before every step. The
 * draft is held to the schema of the message that carried it (startActivation, startDeactivation); beside it, only
 * what holds once stored.
 */

/** Azure's longest activation (PIM: 24 hours); the role's own policy, checked as it arrived, may say less. */
const storedMinutes = integer(5, 24 * 60);

/** The eligibility an activation links to is one of its own scope (the message carries it as any text). */
function ofScope(scope: string, eligibilityScheduleId: string): boolean {
  const schedules = `${scope}/providers/Microsoft.Authorization/roleEligibilitySchedules/`.toLowerCase();
  const id = eligibilityScheduleId.toLowerCase();
  return id.startsWith(schedules) && /^[\w-]{1,64}$/.test(id.slice(schedules.length));
}

export function activationProblem(a: Activation): string | null {
  // Chosen by the background (the request's name) and read from the sign-in (the principal): of either case.
  if (!isGuid(a.requestName) || !isGuid(a.principalId)) return 'the stored activation has an id the extension would not write';
  if (a.kind === 'deactivate')
    return deactivationDraft(a.draft) ? null : 'the stored activation names a scope or role the extension would not accept';
  const d: unknown = a.draft;
  if (!activationDraft(d)) return 'the stored activation names a scope or role the extension would not accept';
  if (!storedMinutes(d.minutes)) return 'the stored duration is out of range';
  return ofScope(d.scope, d.eligibilityScheduleId) ? null : 'the stored eligibility is not of this scope';
}
