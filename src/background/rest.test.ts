import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError, ErrorCodes } from '../shared/errors.ts';
import { restCall } from './rest.ts';

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
