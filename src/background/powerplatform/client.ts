import type { Settings } from '../../shared/config.ts';
import { AppError, ErrorCodes } from '../../shared/errors.ts';
import { isInstanceUrl } from '../../shared/power-platform.ts';
import { resourceToken } from '../auth.ts';
import { refusalCode } from '../error-table.ts';
import { type Refusal, restCall } from '../rest.ts';

/** The environment API (Microsoft.BusinessAppPlatform) takes tokens for the PowerApps Service. */
export const BAP_RESOURCE = 'https://service.powerapps.com/';
const BAP = 'https://api.bap.microsoft.com/providers/Microsoft.BusinessAppPlatform';
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
  return restCall<T>({
    method,
    url: `${instanceUrl}api/data/v9.2${path}`,
    body,
    token: async (force) => (await resourceToken(settings, instanceUrl, force)).accessToken,
    toError: toAppError,
  });
}
