import { type ErrorCode, ErrorCodes } from '../../common/errors.ts';

/**
 * One table of what a Microsoft service's refusal means, for Graph, ARM, Power BI and Power Platform alike
 * (issue 22): a service's own error code first (`error.code`, then its inner code), then, for a code that says
 * no more than the status, the words Microsoft's pages quote (the last resort the style guide allows), then the status.
 */

/** A refusal as a service answered it. */
export interface Refusal {
  status: number;
  /** `error.code`, or '' when the answer had none. */
  code: string;
  /** The inner error's or first detail's code, when the answer has one. */
  innerCode?: string;
  message: string;
  /** The WWW-Authenticate header (ARM's claims challenges). */
  authenticate: string;
  /** A transient refusal's Retry-After, in milliseconds, when it sent one. */
  retryAfterMs?: number;
}

/** Codes that say one thing whatever the status or the words (Graph: learn graph/errors; ARM; Power BI). */
const BY_CODE: Record<string, ErrorCode> = {
  // An expired or revoked token, as Graph, ARM and Power BI name it.
  InvalidAuthenticationToken: ErrorCodes.authExpired,
  ExpiredAuthenticationToken: ErrorCodes.authExpired,
  TokenExpired: ErrorCodes.authExpired,
  Request_ResourceNotFound: ErrorCodes.notFound,
  ResourceNotFound: ErrorCodes.notFound,
  itemNotFound: ErrorCodes.notFound,
  TooManyRequests: ErrorCodes.throttled,
  activityLimitReached: ErrorCodes.throttled,
  serviceNotAvailable: ErrorCodes.serviceUnavailable,
  // Power BI answers a caller without the right (an admin API read by a non-admin) with 401 and this code: not an
  // expired token, so no sign-in helps (learn: power-bi developer embedded troubleshoot, "401 Unauthorized").
  PowerBINotAuthorizedException: ErrorCodes.forbidden,
  // ARM and PIM.
  PrincipalNotFound: ErrorCodes.principalNotFound,
  RoleAssignmentExists: ErrorCodes.roleAssignmentExists,
  ActiveDurationTooShort: ErrorCodes.activeTooShort,
  PendingRoleAssignmentRequest: ErrorCodes.requestPending,
  RoleAssignmentRequestPolicyValidationFailed: ErrorCodes.policyRefused,
  // The environment API's addUser while a new licence has not reached Power Platform: it passes within minutes
  // (microsoft/terraform-provider-power-platform: internal/services/authorization/api_user.go waits it out).
  userNotLicensed: ErrorCodes.userNotLicensed,
};

/** A refusal told apart by its words, for a code (or none) that says no more than its status. */
export interface TextRule {
  statuses: (status: number) => boolean;
  text: RegExp;
  error: ErrorCode;
}

const clientError = (s: number) => s >= 400 && s < 500;

/**
 * Graph documents no code for these invitation refusals (it answers them as `BadRequest` or
 * `Authorization_RequestDenied`): they are told apart by the words Microsoft's B2B troubleshooting page quotes
 * (learn: external-id/troubleshoot).
 */
export const GRAPH_WORDS: TextRule[] = [
  { statuses: (s) => s === 403, text: /guest invitations not allowed/i, error: ErrorCodes.invitesNotAllowed },
  { statuses: (s) => s === 403, text: /company administrators/i, error: ErrorCodes.memberInviteNotAllowed },
  { statuses: clientError, text: /cross-tenant/i, error: ErrorCodes.crossTenantBlocked },
  {
    statuses: clientError,
    text: /(collaboration restriction|domain.{0,40}(blocked|not allowed))/i,
    error: ErrorCodes.domainBlocked,
  },
  { statuses: (s) => s === 400, text: /verified domain/i, error: ErrorCodes.domainIsInternal },
  { statuses: (s) => s === 400, text: /email address.*invalid|invalid.*email address/i, error: ErrorCodes.invalidEmail },
  // assignLicense for a user without a usage location, answered as `Request_BadRequest` with these words
  // ("License assignment cannot be done for user with invalid usage location.", quoted in KelvinTegelaar/CIPP#783).
  { statuses: (s) => s === 400, text: /invalid usage location/i, error: ErrorCodes.usageLocationRequired },
];

/** What the status alone says, the same for every service. */
function byStatus(status: number): ErrorCode {
  if (status === 401) return ErrorCodes.authExpired;
  if (status === 403) return ErrorCodes.forbidden;
  if (status === 404) return ErrorCodes.notFound;
  if (status === 429) return ErrorCodes.throttled;
  if (status >= 500) return ErrorCodes.serviceUnavailable;
  if (status >= 400) return ErrorCodes.badRequest;
  return ErrorCodes.network;
}

/** The code a refusal is shown and handled by. */
export function refusalCode(r: Refusal, words: TextRule[] = []): ErrorCode {
  for (const code of [r.code, r.innerCode]) {
    const known = code ? BY_CODE[code] : undefined;
    if (known) return known;
  }
  // PIM answers the removal of what is no longer there with 400 and a …DoesNotExist code: the same as a 404.
  if (/DoesNotExist$/.test(r.code)) return ErrorCodes.notFound;
  const said = words.find((w) => w.statuses(r.status) && w.text.test(r.message));
  return said ? said.error : byStatus(r.status);
}

/** The services' error body, `{ error: { code, message, innerError | details } }`; empty when the body is not that. */
export function refusalBody(text: string): { code?: string; message?: string; innerCode?: string } {
  try {
    const error = (JSON.parse(text) as { error?: ErrorBody }).error;
    return error ? { code: error.code, message: error.message, innerCode: innerCodeOf(error) } : {};
  } catch {
    return {};
  }
}

interface ErrorBody {
  code?: string;
  message?: string;
  innerError?: { code?: string };
  innererror?: { code?: string };
  details?: { code?: string }[];
}

export const innerCodeOf = (error: ErrorBody | undefined): string | undefined =>
  error?.innerError?.code ?? error?.innererror?.code ?? error?.details?.[0]?.code;

/**
 * Answers that say "later", retried after their Retry-After a bounded number of times. 429, 503 and 504 for every
 * call (Graph's RetryHandler does the same); 500 and 502 only for a call that may be sent twice (not a POST).
 */
export const isTransient = (status: number, method: string) =>
  status === 429 || status === 503 || status === 504 || ((status === 500 || status === 502) && method !== 'POST');

/** The Retry-After (ms) of the refusal an error was made from, when the service sent one (the refusal is its cause). */
export function retryAfterOf(e: unknown): number | undefined {
  const cause = e instanceof Error ? (e.cause as Partial<Refusal> | undefined) : undefined;
  return typeof cause?.retryAfterMs === 'number' ? cause.retryAfterMs : undefined;
}

/** How many times a transient answer is tried again. */
export const RETRIES = 3;

/**
 * A Retry-After as the milliseconds to wait: a number of seconds, a fraction too (Graph sends such as 0.249 from
 * `$batch`, though RFC 9110 allows whole seconds only: microsoftgraph/microsoft-graph-docs#3877), or an HTTP-date
 * (RFC 9110, 10.2.3 Retry-After); `fallback` when it is absent or neither.
 */
export function retryAfterMs(value: string | null | undefined, fallback = 1000, now = Date.now()): number {
  const text = value?.trim();
  if (!text) return fallback;
  const seconds = Number(text);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : fallback;
  // Only a text with a weekday or month name is read as a date: Date.parse takes some odd numbers as years.
  const at = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isFinite(at) ? Math.max(0, at - now) : fallback;
}

/**
 * The longest Retry-After a call waits out before it tries again. A longer one is a budget spent for a while (Power
 * BI's admin reads answer with the rest of the hour), not a moment's busyness: the caller is told, with the wait, and
 * says when to come back rather than hold a service worker that may stop at any moment.
 */
export const LONGEST_RETRY_WAIT_MS = 60_000;
