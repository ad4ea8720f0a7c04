import { AppError, ErrorCodes } from '../../common/errors.ts';
import { isTransient, LONGEST_RETRY_WAIT_MS, RETRIES, type Refusal, refusalBody, retryAfterMs } from './error-table.ts';

export type { Refusal } from './error-table.ts';

export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RestCall {
  method: string;
  url: string;
  body?: unknown;
  /** Request headers beside the token's (Dataverse's `Prefer: odata.maxpagesize`). */
  headers?: Record<string, string>;
  /** A bearer token; `forceRefresh` after the service said the last one expired. */
  token: (forceRefresh: boolean) => Promise<string>;
  /** The service's refusal as an error code the UI understands (src/background/services/error-table.ts). */
  toError: (refusal: Refusal) => AppError;
}

/**
 * One REST call to a Microsoft service outside Graph (the Graph SDK has its own RetryHandler): rides out transient
 * answers with Retry-After (error-table.ts says which, how many times, and how long a wait at most), and renews the
 * token once when the service says it expired (ARM: 401; Power BI: 403 TokenExpired).
 */
export async function restCall<T>(call: RestCall): Promise<T> {
  let forceRefresh = false;
  for (let attempt = 0; ; attempt++) {
    const accessToken = await call.token(forceRefresh);
    const res = await fetch(call.url, {
      method: call.method,
      // A redirect would carry the token to wherever the answer points: Microsoft's APIs answer where they are asked.
      redirect: 'error',
      headers: {
        ...call.headers,
        authorization: `Bearer ${accessToken}`,
        ...(call.body ? { 'content-type': 'application/json' } : {}),
      },
      body: call.body ? JSON.stringify(call.body) : undefined,
    }).catch((e: unknown) => {
      throw new AppError(ErrorCodes.network, e instanceof Error ? e.message : String(e), { cause: e });
    });
    const text = await res.text();
    if (res.ok) return (text ? JSON.parse(text) : undefined) as T;
    const retryAfter = res.headers.get('retry-after');
    const afterMs = retryAfterMs(retryAfter);
    if (isTransient(res.status, call.method) && attempt < RETRIES && afterMs <= LONGEST_RETRY_WAIT_MS) {
      await wait(afterMs);
      continue;
    }
    const error = refusalBody(text);
    const refusal: Refusal = {
      status: res.status,
      code: error.code ?? '',
      ...(error.innerCode ? { innerCode: error.innerCode } : {}),
      message: error.message ?? '',
      authenticate: res.headers.get('www-authenticate') ?? '',
      ...(retryAfter ? { retryAfterMs: afterMs } : {}),
    };
    if (!forceRefresh && expired(refusal)) {
      forceRefresh = true;
      continue;
    }
    throw call.toError(refusal);
  }
}

/** The service said the token it was given is no longer good: renewed once, then said as "sign in again". */
const expired = (r: Refusal) => r.status === 401 || r.code === 'TokenExpired';
