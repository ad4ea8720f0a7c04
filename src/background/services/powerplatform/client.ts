import { BAP_ORIGIN, type Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import type { Listed } from '../../../logic/listed.ts';
import { isInstanceUrl } from '../../../logic/power-platform.ts';
import { resourceToken } from '../../core/auth.ts';
import { refusalCode } from '../error-table.ts';
import { readList } from '../pager.ts';
import { type Refusal, restCall } from '../rest.ts';

/** The environment API (Microsoft.BusinessAppPlatform) takes tokens for the PowerApps Service. */
export const BAP_RESOURCE = 'https://service.powerapps.com/';
const BAP = `${BAP_ORIGIN}/providers/Microsoft.BusinessAppPlatform`;
const VERSION = 'api-version=2020-10-01';

const toAppError = (refusal: Refusal) => new AppError(refusalCode(refusal), refusal.message || refusal.code);

/** One environment API call; `path` after `Microsoft.BusinessAppPlatform`, built with `path`. */
export function bap<T>(settings: Settings, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  return restCall<T>({
    method,
    url: `${BAP}${path}${path.includes('?') ? '&' : '?'}${VERSION}`,
    body,
    token: async (force) => (await resourceToken(settings, BAP_RESOURCE, force)).accessToken,
    toError: toAppError,
  });
}

/** One Dataverse Web API call at the environment's instance (`path` after `/api/data/v9.2`, built with `path`). */
export function dataverse<T>(
  settings: Settings,
  instanceUrl: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  if (!isInstanceUrl(instanceUrl)) throw new AppError(ErrorCodes.badMessage, 'not a Dataverse instance URL');
  return dataverseAt<T>(settings, instanceUrl, method, `${instanceUrl}api/data/v9.2${path}`, body);
}

/** One Dataverse call at a whole URL of the instance (a next page's link, as Dataverse gave it). */
function dataverseAt<T>(
  settings: Settings,
  instanceUrl: string,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<T> {
  return restCall<T>({
    method,
    url,
    body,
    ...(headers ? { headers } : {}),
    token: async (force) => (await resourceToken(settings, instanceUrl, force)).accessToken,
    toError: toAppError,
  });
}

/** The environment API's lists (environments), page after page by `nextLink`, to the end or to `cap`. */
export function bapList<T>(settings: Settings, path: string, cap?: number): Promise<Listed<T>> {
  const follow = (url: string) =>
    restCall<unknown>({
      method: 'GET',
      url,
      token: async (force) => (await resourceToken(settings, BAP_RESOURCE, force)).accessToken,
      toError: toAppError,
    });
  return readList<T>(bap(settings, 'GET', path), { kind: 'link', field: 'nextLink', origin: BAP_ORIGIN, follow }, cap);
}

/**
 * A Dataverse list (roles, system users), `size` a page as `Prefer: odata.maxpagesize` asks, page after page by
 * `@odata.nextLink`, to the end or to `cap`. Each environment has its own host: a link elsewhere is refused.
 */
export function dataverseList<T>(
  settings: Settings,
  instanceUrl: string,
  path: string,
  size: number,
  cap?: number,
): Promise<Listed<T>> {
  if (!isInstanceUrl(instanceUrl)) throw new AppError(ErrorCodes.badMessage, 'not a Dataverse instance URL');
  const prefer = { prefer: `odata.maxpagesize=${size}` };
  const get = (url: string) => dataverseAt<unknown>(settings, instanceUrl, 'GET', url, undefined, prefer);
  const origin = new URL(instanceUrl).origin;
  return readList<T>(
    get(`${instanceUrl}api/data/v9.2${path}`),
    { kind: 'link', field: '@odata.nextLink', origin, follow: get },
    cap,
  );
}
