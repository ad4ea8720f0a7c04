import { LOGIN_HOST } from '../hosts.ts';
import { armError } from './caller.ts';
import type { EffectivePolicy } from './policies.ts';
import { durationMs } from './schedules.ts';

/**
 * The policy rules an activation fails, each as `Rule - reason`, the form the live service writes:
 * "ExpirationRule - The duration in the request is greater than maximum allowed duration" (Graph, recorded
 * 2026-09-09), "JustificationRule - Justification is required" (ARM, Omnicit.PIM live checklist 2.1, 2026-10-09),
 * "TicketingRule - Ticket information is required" (a PIM script's list of ARM messages). Microsoft's REST docs
 * (privileged-role-common-errors) still show the older form, `["ExpirationRule"]`; the rule names are the same.
 * Multi-factor authentication (`MfaRule`) is not checked: the sandbox's tokens do not say how the person signed in.
 */
export function ruleFailures(
  policy: EffectivePolicy,
  askedMs: number | null,
  justification: string | undefined,
  ticketNumber: string | undefined,
): string[] {
  const failures: string[] = [];
  const maxMs = durationMs(policy.maximumDuration) ?? Number.POSITIVE_INFINITY;
  if (askedMs === null) failures.push('ExpirationRule - The policy does not allow permanent assignment');
  else if (askedMs > maxMs)
    failures.push('ExpirationRule - The duration in the request is greater than maximum allowed duration');
  if (policy.enabledRules.includes('Justification') && !justification?.trim()) {
    failures.push('JustificationRule - Justification is required');
  }
  if (policy.enabledRules.includes('Ticketing') && !ticketNumber?.trim()) {
    failures.push('TicketingRule - Ticket information is required');
  }
  return failures;
}

/** How several failed rules are joined is unverified; one failed rule reads exactly as the live service writes it. */
export const policyFailure = (failures: string[]) =>
  armError(400, 'RoleAssignmentRequestPolicyValidationFailed', `The following policy rules failed: ${failures.join(', ')}`);

/**
 * An activation whose policy needs an authentication context the token lacks. ARM answers 400
 * RoleAssignmentRequestAcrsValidationFailed with the claims to ask for, URL-encoded after `&claims=` as the whole
 * message (Azure/azure-powershell#25421: `&claims=%7B%22access_token%22%3A%7B%22acrs%22%3A%7B%22essential%22%3Atrue
 * %2C%20%22value%22%3A%22c1%22%7D%7D%7D`). The WWW-Authenticate challenge beside it has the shape of ARM's
 * claims challenges (learn: claims-challenge, "insufficient_claims"); that PIM sends it on this 400 is unverified,
 * so a client should read the message.
 */
export function acrsChallenge(claimValue: string) {
  const claims = `{"access_token":{"acrs":{"essential":true, "value":"${claimValue}"}}}`;
  return armError(400, 'RoleAssignmentRequestAcrsValidationFailed', `&claims=${encodeURIComponent(claims)}`, {
    'www-authenticate': `Bearer authorization_uri="https://${LOGIN_HOST}/common/oauth2/authorize", error="insufficient_claims", claims="${Buffer.from(claims).toString('base64')}"`,
  });
}
