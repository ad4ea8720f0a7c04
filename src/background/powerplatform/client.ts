import type { Settings } from '../../shared/config.ts';
import { AppError, ErrorCodes } from '../../shared/errors.ts';
import { isInstanceUrl } from '../../shared/power-platform.ts';
import { resourceToken } from '../auth.ts';
import { type Refusal, restCall } from '../rest.ts';

/** The environment API (Microsoft.BusinessAppPlatform) takes tokens for the PowerApps Service. */
export const BAP_RESOURCE = 'https://service.powerapps.com/';
const BAP = 'https://api.bap.microsoft.com/providers/Microsoft.BusinessAppPlatform';
const VERSION = 'api-version=2020-10-01';

function toAppError(status: number, code: string, refusal: Refusal): AppError {
  const detail = refusal.message || code;
  if (status === 429) return new AppError(ErrorCodes.throttled, detail);
  if (status === 503 || status === 504) return new AppError(ErrorCodes.serviceUnavailable, detail);
  if (status === 404) return new AppError(ErrorCodes.notFound, detail);
  if (status === 401 || status === 403) return new AppError(ErrorCodes.forbidden, detail);
  return new AppError(ErrorCodes.badRequest, detail);
}

/** One environment API call; `path` after `Microsoft.BusinessAppPlatform`, built with `path`. */
export function bap<T>(settings: Settings, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  return restCall<T>({
    method,
    url: `${BAP}${path}${path.includes('?') ? '&' : '?'}${VERSION}`,
    body,
    token: async (force) => (await resourceToken(settings, BAP_RESOURCE, force)).accessToken,
    expired: (status) => status === 401,
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
  return restCall<T>({
    method,
    url: `${instanceUrl}api/data/v9.2${path}`,
    body,
    token: async (force) => (await resourceToken(settings, instanceUrl, force)).accessToken,
    expired: (status) => status === 401,
    toError: toAppError,
  });
}
