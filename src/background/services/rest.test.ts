import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError, ErrorCodes } from '../../common/errors.ts';
import { type Refusal, restCall } from './rest.ts';

afterEach(() => vi.unstubAllGlobals());

describe('calls that carry a token', () => {
  it('refuse to follow a redirect, so the token never goes where an answer points', async () => {
    const asked: RequestInit[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      asked.push(init);
      return new Response('{"value":[]}', { status: 200 });
    });
    await restCall({
      method: 'GET',
      url: 'https://management.azure.com/subscriptions?api-version=2022-12-01',
      token: async () => 'secret',
      toError: (r) => new AppError(ErrorCodes.unknown, String(r.status)),
    });
    expect(asked).toEqual([expect.objectContaining({ redirect: 'error' })]);
  });
});

describe('a refusal that says "later"', () => {
  const call = (toError = (r: Refusal) => new AppError(ErrorCodes.throttled, String(r.retryAfterMs))) =>
    restCall({ method: 'GET', url: 'https://api.powerbi.com/v1.0/myorg/admin/apps', token: async () => 't', toError });

  it('is not waited out when its Retry-After is a budget spent for most of an hour: the wait goes to the caller', async () => {
    const fetch = vi.fn(
      async () => new Response('{"message":"Retry in 3392 seconds."}', { status: 429, headers: { 'retry-after': '3392' } }),
    );
    vi.stubGlobal('fetch', fetch);
    const failed = await call().catch((e: unknown) => e);
    expect((failed as AppError).detail).toBe('3392000');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('is tried again after a fractional Retry-After', async () => {
    const answers = [
      new Response('{}', { status: 429, headers: { 'retry-after': '0.05' } }),
      new Response('{"value":[]}', { status: 200 }),
    ];
    vi.stubGlobal('fetch', async () => answers.shift());
    expect(await call()).toEqual({ value: [] });
  });
});
