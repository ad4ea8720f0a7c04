import { ARM_ORIGIN, type Settings } from '../../shared/config.ts';
import { AppError, ErrorCodes } from '../../shared/errors.ts';
import { armToken } from '../auth.ts';
import { type Refusal, restCall } from '../rest.ts';
import { claimsAsked, policyRuleWords } from './refusals.ts';

function toAppError(status: number, code: string, refusal: Refusal): AppError {
  if (code === 'PrincipalNotFound') return new AppError(ErrorCodes.principalNotFound, code);
  const claims = claimsAsked(refusal);
  if (claims) return new AppError(ErrorCodes.claimsChallenge, claims);
  if (code === 'RoleAssignmentRequestPolicyValidationFailed')
    return new AppError(ErrorCodes.policyRefused, policyRuleWords(refusal.message));
  if (code === 'ActiveDurationTooShort') return new AppError(ErrorCodes.activeTooShort, refusal.message);
  if (code === 'PendingRoleAssignmentRequest') return new AppError(ErrorCodes.requestPending, refusal.message);
  if (status === 429) return new AppError(ErrorCodes.throttled, code);
  if (status === 503) return new AppError(ErrorCodes.serviceUnavailable, code);
  if (code === 'RoleAssignmentExists') return new AppError(ErrorCodes.roleAssignmentExists, code);
  // A removal of what is no longer there (PIM answers 400 with a …DoesNotExist code): the same as a 404 to callers.
  if (status === 404 || /DoesNotExist$/.test(code)) return new AppError(ErrorCodes.notFound, code);
  if (status === 403) return new AppError(ErrorCodes.forbidden, code);
  return new AppError(ErrorCodes.badRequest, code);
}

/**
 * The request URL for `path`, refused when the browser would not send that path as written: a dot segment it would
 * resolve, a backslash it would turn into a slash, or an escaped separator ARM would read as one. Callers build
 * paths with scopePath; this is the last check before anything leaves (issue 8).
 */
export function armUrl(path: string, apiVersion: string): string {
  const [pathname = ''] = path.split('?');
  const sent = new URL(`${ARM_ORIGIN}${pathname}`).pathname;
  if (sent !== pathname || /%(2f|5c|2e|3f|23)/i.test(pathname)) {
    throw new AppError(ErrorCodes.invalidScope, pathname.slice(0, 300));
  }
  return `${ARM_ORIGIN}${path}${path.includes('?') ? '&' : '?'}api-version=${apiVersion}`;
}

/** One Azure Resource Manager call; `path` may carry its own query (`?$filter=…`). */
export function arm<T>(
  settings: Settings,
  method: 'GET' | 'PUT' | 'DELETE',
  path: string,
  apiVersion: string,
  body?: unknown,
): Promise<T> {
  return restCall<T>({
    method,
    url: armUrl(path, apiVersion),
    body,
    token: async (force) => (await armToken(settings, force)).accessToken,
    expired: (status) => status === 401,
    toError: toAppError,
  });
}

export const armGet = <T>(settings: Settings, path: string, apiVersion: string) => arm<T>(settings, 'GET', path, apiVersion);
