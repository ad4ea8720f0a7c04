import { ARM_ORIGIN, type Settings } from '../../shared/config.ts';
import { AppError, ErrorCodes } from '../../shared/errors.ts';
import { armToken } from '../auth.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function toAppError(status: number, code: string): AppError {
  if (code === 'PrincipalNotFound') return new AppError(ErrorCodes.principalNotFound, code);
  if (status === 404) return new AppError(ErrorCodes.notFound, code);
  if (status === 403) return new AppError(ErrorCodes.forbidden, code);
  return new AppError(ErrorCodes.badRequest, code);
}

/** One ARM call, with Retry-After on 429/503 and one token renewal when ARM says the token expired. */
export async function arm<T>(
  settings: Settings,
  method: 'GET' | 'PUT',
  path: string,
  apiVersion: string,
  body?: unknown,
): Promise<T> {
  let forceRefresh = false;
  for (let attempt = 0; ; attempt++) {
    const { accessToken } = await armToken(settings, forceRefresh);
    const headers: Record<string, string> = { authorization: `Bearer ${accessToken}` };
    if (body) headers['content-type'] = 'application/json';
    const res = await fetch(`${ARM_ORIGIN}${path}${path.includes('?') ? '&' : '?'}api-version=${apiVersion}`, {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
    }).catch((e: unknown) => {
      throw new AppError(ErrorCodes.network, e instanceof Error ? e.message : String(e), { cause: e });
    });
    if (res.ok) return (await res.json()) as T;
    const code = ((await res.json().catch(() => ({}))) as { error?: { code?: string } }).error?.code ?? String(res.status);
    if ((res.status === 429 || res.status === 503) && attempt < 3) {
      await wait((Number(res.headers.get('retry-after')) || 1) * 1000);
      continue;
    }
    if (res.status === 401 && !forceRefresh) {
      forceRefresh = true;
      continue;
    }
    throw toAppError(res.status, code);
  }
}

export const armGet = <T>(settings: Settings, path: string, apiVersion: string) => arm<T>(settings, 'GET', path, apiVersion);
