/**
 * Throttling and outages as the Power Platform services answer them, for the fault rules of sandbox/faults.ts.
 * Dataverse: the service protection limits' 429 with Retry-After and code 0x80072322 (-2147015902, "Number of
 * requests exceeded the limit…"; learn: power-apps/developer/data-platform/api-limits). The environment API: an
 * ARM-style `{ error: { code, message } }`, the shape its other errors take (environments.ts).
 */
import type { ApiResponse } from '../api.ts';
import { BAP_HOST } from '../hosts.ts';
import { dataverseError } from './dataverse-query.ts';
import { bapError } from './environments.ts';

/** A Dataverse instance host: `{org}.crm.dynamics.com`, or a regional `crm4`, `crm11`… */
export const isDataverseHost = (host: string) => /^[a-z0-9-]+\.crm\d*\.dynamics\.com$/.test(host);

export const isPowerPlatformApiHost = (host: string) => host === BAP_HOST || isDataverseHost(host);

export function powerPlatformFault(host: string, failure: { status: number; retryAfterSeconds?: number }): ApiResponse {
  const headers = { 'retry-after': String(failure.retryAfterSeconds ?? 1) };
  const busy = failure.status === 429;
  if (host === BAP_HOST) {
    return busy
      ? bapError(429, 'TooManyRequests', 'The request was throttled: too many requests.', headers)
      : bapError(failure.status, 'ServiceUnavailable', 'The service is temporarily unavailable.', headers);
  }
  return busy
    ? dataverseError(429, '0x80072322', 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.', headers)
    : dataverseError(failure.status, '0x80040216', 'An unexpected error occurred.', headers);
}
