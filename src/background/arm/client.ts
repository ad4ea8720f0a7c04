import { ARM_ORIGIN, type Settings } from '../../shared/config.ts';
import { AppError, ErrorCodes } from '../../shared/errors.ts';
import { armToken } from '../auth.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One ARM GET, with Retry-After on 429/503 and one token renewal when ARM says the token expired. */
export async function armGet<T>(settings: Settings, path: string, apiVersion: string): Promise<T> {
  let forceRefresh = false;
  for (let attempt = 0; ; attempt++) {
    const { accessToken } = await armToken(settings, forceRefresh);
    const res = await fetch(`${ARM_ORIGIN}${path}?api-version=${apiVersion}`, {
      headers: { authorization: `Bearer ${accessToken}` },
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
    throw new AppError(
      res.status === 404 ? ErrorCodes.notFound : res.status === 403 ? ErrorCodes.forbidden : ErrorCodes.badRequest,
      code,
    );
  }
}
