import type { Settings } from '../../shared/config.ts';
import { AppError, ErrorCodes } from '../../shared/errors.ts';
import { powerBiToken } from '../auth.ts';
import { restCall } from '../rest.ts';

const BASE = 'https://api.powerbi.com/v1.0/myorg';

function toAppError(status: number, detail: string): AppError {
  if (status === 401 || status === 403) return new AppError(ErrorCodes.forbidden, detail);
  if (status === 404) return new AppError(ErrorCodes.notFound, detail);
  if (status === 429) return new AppError(ErrorCodes.throttled, detail);
  if (status >= 500) return new AppError(ErrorCodes.serviceUnavailable, detail);
  return new AppError(ErrorCodes.badRequest, detail);
}

/** One Power BI REST call. Power BI says an expired token with 403 TokenExpired, not 401. */
export function powerBi<T>(settings: Settings, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return restCall<T>({
    method,
    url: `${BASE}${path}`,
    body,
    token: async (force) => (await powerBiToken(settings, force)).accessToken,
    expired: (_status, code) => code === 'TokenExpired',
    toError: toAppError,
  });
}
