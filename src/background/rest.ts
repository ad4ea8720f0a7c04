import { AppError, ErrorCodes } from '../shared/errors.ts';

export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RestCall {
  method: string;
  url: string;
  body?: unknown;
  /** A bearer token; `forceRefresh` after the service said the last one expired. */
  token: (forceRefresh: boolean) => Promise<string>;
  /** Whether a refused call means the token expired (ARM: 401; Power BI: 403 TokenExpired). */
  expired: (status: number, code: string) => boolean;
  /** The service's refusal as an error code the UI understands (its message and WWW-Authenticate, when it has them). */
  toError: (status: number, code: string, refusal: Refusal) => AppError;
}

export interface Refusal {
  message: string;
  authenticate: string;
}

/** The service's error code and message from an `{ error: { code, message } }` body; none when the body is not that. */
function errorOf(text: string): { code?: string; message?: string } {
  try {
    return (JSON.parse(text) as { error?: { code?: string; message?: string } }).error ?? {};
  } catch {
    return {};
  }
}

/**
 * One REST call to a Microsoft service outside Graph (the Graph SDK has its own RetryHandler): rides out 429/503
 * with Retry-After (three tries), and renews the token once when the service says it expired.
 */
export async function restCall<T>(call: RestCall): Promise<T> {
  let forceRefresh = false;
  for (let attempt = 0; ; attempt++) {
    const accessToken = await call.token(forceRefresh);
    const res = await fetch(call.url, {
      method: call.method,
      // A redirect would carry the token to wherever the answer points: Microsoft's APIs answer where they are asked.
      redirect: 'error',
      headers: { authorization: `Bearer ${accessToken}`, ...(call.body ? { 'content-type': 'application/json' } : {}) },
      body: call.body ? JSON.stringify(call.body) : undefined,
    }).catch((e: unknown) => {
      throw new AppError(ErrorCodes.network, e instanceof Error ? e.message : String(e), { cause: e });
    });
    const text = await res.text();
    if (res.ok) return (text ? JSON.parse(text) : undefined) as T;
    const error = errorOf(text);
    const code = error.code ?? String(res.status);
    if ((res.status === 429 || res.status === 503) && attempt < 3) {
      await wait((Number(res.headers.get('retry-after')) || 1) * 1000);
      continue;
    }
    if (!forceRefresh && call.expired(res.status, code)) {
      forceRefresh = true;
      continue;
    }
    throw call.toError(res.status, code, {
      message: error.message ?? '',
      authenticate: res.headers.get('www-authenticate') ?? '',
    });
  }
}
