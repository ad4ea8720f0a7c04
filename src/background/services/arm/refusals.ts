import { t } from '../../../common/i18n.ts';
import type { Refusal } from '../rest.ts';

/**
 * The claims ARM asks for when a role's policy needs an authentication context or MFA the token does not carry:
 * in a WWW-Authenticate challenge (`claims="<base64>"`, learn: "Claims challenges, claims requests and client
 * capabilities"), or, as PIM answers a schedule request, URL-encoded in the error message after `&claims=`.
 * Returned as the JSON a token request takes; null when the refusal asks for none.
 */
export function claimsAsked(r: Pick<Refusal, 'message' | 'authenticate'>): string | null {
  const header = /claims="([^"]+)"/i.exec(r.authenticate)?.[1];
  if (header) {
    try {
      return asClaims(atob(header));
    } catch {
      return null;
    }
  }
  const inMessage = /[&?]claims=([^&\s]+)/i.exec(r.message)?.[1];
  if (!inMessage) return null;
  try {
    return asClaims(decodeURIComponent(inMessage));
  } catch {
    return null;
  }
}

/** Only an access-token claims request with an authentication context is passed on to the sign-in. */
function asClaims(text: string): string | null {
  const value = JSON.parse(text) as { access_token?: { acrs?: unknown } };
  return value?.access_token?.acrs ? JSON.stringify({ access_token: { acrs: value.access_token.acrs } }) : null;
}

/** A PIM policy rule ARM names, in words; '' for a rule it names that is not one of these. */
function ruleWords(rule: string): string {
  switch (rule) {
    case 'ExpirationRule':
      return t('ruleExpiration');
    case 'JustificationRule':
      return t('ruleJustification');
    case 'TicketingRule':
      return t('ruleTicketing');
    case 'MfaRule':
      return t('ruleMfa');
    case 'EligibilityRule':
      return t('ruleEligibility');
    case 'ApprovalRule':
      return t('ruleApproval');
    default:
      return '';
  }
}

/** `The following policy rules failed: ["ExpirationRule"]` in words; ARM's own message when it names no known rule. */
export function policyRuleWords(message: string): string {
  // Documented as `["ExpirationRule"]`; ARM sends `ExpirationRule - The duration in the request is greater…`.
  const rules = [...new Set([...message.matchAll(/\b(\w+Rule)\b/g)].map((m) => m[1] ?? ''))];
  const words = rules.map(ruleWords).filter(Boolean);
  return words.length ? t('azureRefused', words.join('; ')) : message;
}
