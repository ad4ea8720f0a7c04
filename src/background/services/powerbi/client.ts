import { POWERBI_API_ORIGIN, type Settings } from '../../../common/config.ts';
import { AppError } from '../../../common/errors.ts';
import type { Listed } from '../../../logic/listed.ts';
import { powerBiToken } from '../../core/auth.ts';
import { refusalCode } from '../error-table.ts';
import { pageUrl, readList } from '../pager.ts';
import { type Refusal, restCall } from '../rest.ts';

const BASE = `${POWERBI_API_ORIGIN}/v1.0/myorg`;

/** The refusal goes along as the cause: a spent budget's Retry-After says when to ask again (audience-cache.ts). */
const toAppError = (refusal: Refusal) => new AppError(refusalCode(refusal), refusal.message || refusal.code, { cause: refusal });

/** One Power BI REST call. Power BI says an expired token with 403 TokenExpired, not 401. */
export function powerBi<T>(settings: Settings, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return restCall<T>({
    method,
    url: `${BASE}${path}`,
    body,
    token: async (force) => (await powerBiToken(settings, force)).accessToken,
    toError: toAppError,
  });
}

/**
 * A Power BI list (workspaces, apps, a workspace's users), asked `size` at a time with `$top`/`$skip`, to its end or
 * to `cap`. Power BI names no next page: a page shorter than asked, or `@odata.count` reached, is the end.
 */
export function powerBiList<T>(settings: Settings, path: string, size: number, cap?: number): Promise<Listed<T>> {
  const at = (skip: number) => powerBi<unknown>(settings, 'GET', pageUrl(path, size, skip));
  return readList<T>(at(0), { kind: 'skip', size, at }, cap);
}
