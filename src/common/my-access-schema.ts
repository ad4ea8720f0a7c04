import { isArmScope, isRoleDefinitionId } from '../logic/arm-id.ts';
import { LIMITS } from '../logic/inputs.ts';
import { dateText, type Infer, integer, nullable, object, string } from './schema.ts';

/** Activations and early ends of one's own roles (issue 10), as the popup asks for them. */

export const deactivationDraft = object({
  scope: isArmScope,
  roleDefinitionId: isRoleDefinitionId,
  roleName: string(LIMITS.displayName),
});
export type DeactivationDraft = Infer<typeof deactivationDraft>;

export const activationDraft = object({
  scope: isArmScope,
  roleDefinitionId: isRoleDefinitionId,
  roleName: string(LIMITS.displayName),
  eligibilityScheduleId: string(LIMITS.url),
  /** Any whole number here: the role's policy says what is too short or too long, in words (activationProblem). */
  minutes: integer(),
  justification: string(500),
  ticketNumber: string(100),
  ticketSystem: string(100),
  /** ISO start; null: now. */
  start: nullable(dateText),
});
export type ActivationDraft = Infer<typeof activationDraft>;
