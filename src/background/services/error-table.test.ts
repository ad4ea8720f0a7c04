import { GraphError } from '@microsoft/microsoft-graph-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../common/config.ts';
import { AppError, ErrorCodes } from '../../common/errors.ts';

let renewals = 0;
vi.mock('../core/auth.ts', () => ({
  armToken: async () => ({ accessToken: 'arm', scopes: [] }),
  graphToken: async (_s: unknown, force: boolean) => {
    if (force) renewals++;
    return { accessToken: force ? 'renewed' : 'old', scopes: [] };
  },
}));
const { armGet } = await import('./arm/client.ts');
const { graphSession } = await import('./graph/client.ts');
const { toAppError } = await import('./graph/errors.ts');
const { retryAfterMs } = await import('./error-table.ts');

afterEach(() => {
  vi.unstubAllGlobals();
  renewals = 0;
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('the error table', () => {
  it("judges a Graph refusal by its code before its words: an odd message with a known code is that code's", () => {
    const e = new GraphError(400, "The email address 'x' is invalid, or the user does not exist.");
    e.code = 'Request_ResourceNotFound';
    expect(toAppError(e).code).toBe(ErrorCodes.notFound);
  });

  it("reads Graph's inner error code when the outer one says no more than the status", () => {
    const e = new GraphError(400, 'Unerwartete Antwort.');
    e.code = 'BadRequest';
    e.body = JSON.stringify({ error: { code: 'BadRequest', innerError: { code: 'InvalidAuthenticationToken' } } });
    expect(toAppError(e).code).toBe(ErrorCodes.authExpired);
  });

  it("takes Power BI's 401 PowerBINotAuthorizedException as a missing right, not an expired sign-in", async () => {
    const { refusalCode } = await import('./error-table.ts');
    const refusal = { status: 401, code: 'PowerBINotAuthorizedException', message: '', authenticate: '' };
    expect(refusalCode(refusal)).toBe(ErrorCodes.forbidden);
    expect(refusalCode({ ...refusal, code: '' })).toBe(ErrorCodes.authExpired);
  });

  it("takes the environment API's userNotLicensed as a licence still on its way, not a bad request", async () => {
    const { refusalCode } = await import('./error-table.ts');
    const refusal = { status: 400, code: 'userNotLicensed', message: 'The user is not licensed.', authenticate: '' };
    expect(refusalCode(refusal)).toBe(ErrorCodes.userNotLicensed);
  });

  it('rides out an ARM 504 with Retry-After and gives the answer that follows', async () => {
    const answers = [
      json(504, { error: { code: 'GatewayTimeout' } }, { 'retry-after': '0' }),
      json(200, { displayName: 'Prod' }),
    ];
    const fetch = vi.fn(async () => answers.shift() as Response);
    vi.stubGlobal('fetch', fetch);
    expect(await armGet(SANDBOX_SETTINGS, '/subscriptions/1', '2022-12-01')).toEqual({ displayName: 'Prod' });
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe("Graph's 401 renewal", () => {
  it('asks for a fresh token once and sends the request again with it', async () => {
    const sent: string[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      const auth = new Headers(init.headers).get('authorization') ?? '';
      sent.push(auth);
      return auth === 'Bearer renewed'
        ? json(200, { id: 'me' })
        : json(401, { error: { code: 'InvalidAuthenticationToken', message: 'expired' } });
    });
    expect(await graphSession(SANDBOX_SETTINGS).client.api('/me').get()).toEqual({ id: 'me' });
    expect(sent).toEqual(['Bearer old', 'Bearer renewed']);
    expect(renewals).toBe(1);
  });

  it('renews only once, then fails with the sign-in error', async () => {
    const fetch = vi.fn(async () => json(401, { error: { code: 'InvalidAuthenticationToken', message: 'revoked' } }));
    vi.stubGlobal('fetch', fetch);
    const failed = await graphSession(SANDBOX_SETTINGS)
      .client.api('/me')
      .get()
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AppError);
    expect((failed as AppError).code).toBe(ErrorCodes.authExpired);
    expect(renewals).toBe(1);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe('Retry-After', () => {
  it('reads whole seconds, and fractions as Graph sends them from a batch', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('0.249')).toBe(249);
    expect(retryAfterMs('2.5')).toBe(2500);
  });

  it('reads an HTTP-date as the time left until it', () => {
    const now = Date.parse('2026-12-07T17:00:00Z');
    expect(retryAfterMs('Mon, 07 Dec 2026 17:42:00 GMT', 1000, now)).toBe(42 * 60_000);
    // A date already past: try again at once.
    expect(retryAfterMs('Mon, 07 Dec 2026 16:59:00 GMT', 1000, now)).toBe(0);
  });

  it('falls back when the header is absent or says nothing readable', () => {
    expect(retryAfterMs(null, 2000)).toBe(2000);
    expect(retryAfterMs('', 2000)).toBe(2000);
    expect(retryAfterMs('-1', 2000)).toBe(2000);
    expect(retryAfterMs('soon', 2000)).toBe(2000);
  });
});
