import type { Settings } from '../../shared/config.ts';
import { AppError, ErrorCodes } from '../../shared/errors.ts';
import { powerBiToken } from '../auth.ts';

const BASE = 'https://api.powerbi.com/v1.0/myorg';
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function toAppError(status: number, detail: string): AppError {
  if (status === 401 || status === 403) return new AppError(ErrorCodes.forbidden, detail);
  if (status === 404) return new AppError(ErrorCodes.notFound, detail);
  if (status === 429) return new AppError(ErrorCodes.throttled, detail);
  if (status >= 500) return new AppError(ErrorCodes.serviceUnavailable, detail);
  return new AppError(ErrorCodes.badRequest, detail);
}

/**
 * One Power BI REST call. Rides out 429/503 with Retry-After (three tries), and renews the token once when the
 * service says it expired (Power BI answers 403 TokenExpired, not 401).
 */
export async function powerBi<T>(settings: Settings, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let forceRefresh = false;
  for (let attempt = 0; ; attempt++) {
    const { accessToken } = await powerBiToken(settings, forceRefresh);
    const res = await fetch(`${BASE}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }).catch((e: unknown) => {
      throw new AppError(ErrorCodes.network, e instanceof Error ? e.message : String(e), { cause: e });
    });
    const text = await res.text();
    if (res.ok) return (text ? JSON.parse(text) : undefined) as T;
    const code = (JSON.parse(text || '{}') as { error?: { code?: string } }).error?.code ?? String(res.status);
    if ((res.status === 429 || res.status === 503) && attempt < 3) {
      await wait((Number(res.headers.get('retry-after')) || 1) * 1000);
      continue;
    }
    if (code === 'TokenExpired' && !forceRefresh) {
      forceRefresh = true;
      continue;
    }
    throw toAppError(res.status, code);
  }
}
