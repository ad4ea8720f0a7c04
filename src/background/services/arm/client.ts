import { ARM_ORIGIN, type Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import type { Listed } from '../../../logic/listed.ts';
import { armToken } from '../../core/auth.ts';
import { refusalCode } from '../error-table.ts';
import { readList } from '../pager.ts';
import { type Refusal, restCall } from '../rest.ts';
import { claimsAsked, policyRuleWords } from './refusals.ts';

/** ARM's refusal: a claims challenge and PIM's policy rules in words first, then the one error table. */
function toAppError(refusal: Refusal): AppError {
  const claims = claimsAsked(refusal);
  if (claims) return new AppError(ErrorCodes.claimsChallenge, claims);
  const code = refusalCode(refusal);
  if (code === ErrorCodes.policyRefused) return new AppError(code, policyRuleWords(refusal.message));
  const detail = code === ErrorCodes.activeTooShort || code === ErrorCodes.requestPending ? refusal.message : refusal.code;
  return new AppError(code, detail || String(refusal.status));
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
  method: 'GET' | 'PUT' | 'POST' | 'DELETE',
  path: string,
  apiVersion: string,
  body?: unknown,
): Promise<T> {
  return restCall<T>({
    method,
    url: armUrl(path, apiVersion),
    body,
    token: async (force) => (await armToken(settings, force)).accessToken,
    toError: toAppError,
  });
}

export const armGet = <T>(settings: Settings, path: string, apiVersion: string) => arm<T>(settings, 'GET', path, apiVersion);

/**
 * An ARM list (role definitions and assignments, PIM instances, policy assignments, subscriptions, tenants), page
 * after page by `nextLink`, to its end or to `cap`. The next link carries its own api-version and is followed as given.
 */
export function armList<T>(settings: Settings, path: string, apiVersion: string, cap?: number): Promise<Listed<T>> {
  const follow = (url: string) =>
    restCall<unknown>({
      method: 'GET',
      url,
      token: async (force) => (await armToken(settings, force)).accessToken,
      toError: toAppError,
    });
  return readList<T>(armGet(settings, path, apiVersion), { kind: 'link', field: 'nextLink', origin: ARM_ORIGIN, follow }, cap);
}
