import type { Settings } from '../../shared/config.ts';
import { AppError } from '../../shared/errors.ts';
import { powerBiToken } from '../auth.ts';
import { refusalCode } from '../error-table.ts';
import { type Refusal, restCall } from '../rest.ts';

const BASE = 'https://api.powerbi.com/v1.0/myorg';

const toAppError = (refusal: Refusal) => new AppError(refusalCode(refusal), refusal.message || refusal.code);

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
