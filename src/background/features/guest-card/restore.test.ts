import { afterEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';
import { ErrorCodes } from '../../../common/errors.ts';

vi.mock('../../core/auth.ts', () => ({ graphToken: async () => ({ accessToken: 'graph', scopes: [] }) }));
const { graphSession } = await import('../../services/graph/client.ts');
const { restoreUser, GONE_FOR_GOOD } = await import('./directory-changes.ts');

const KIM = 'a5e4c8f6-1b7d-4e95-9fa6-4c2d5b6a7f8e';
const NOT_FOUND = {
  error: {
    code: 'Request_ResourceNotFound',
    message: `Resource '${KIM}' does not exist or one of its queried reference-property objects are not present.`,
  },
};

/** Graph over a stubbed fetch: the restore answered `restore`, the user's own read `user`. */
function directory(restore: number, user: number) {
  const sent: string[] = [];
  vi.stubGlobal('fetch', async (input: string | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input.url;
    const method = (typeof input === 'string' ? init?.method : input.method) ?? 'GET';
    sent.push(`${method} ${new URL(url).pathname}`);
    const status = url.includes('/restore') ? restore : user;
    const body = status === 404 ? NOT_FOUND : { id: KIM };
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return sent;
}
afterEach(() => vi.unstubAllGlobals());

const client = () => graphSession(SANDBOX_SETTINGS).client;

describe('restoring a deleted user', () => {
  it('restores them from Deleted users', async () => {
    const sent = directory(200, 404);
    expect(await restoreUser(client(), KIM)).toBe('restored');
    expect(sent).toEqual([`POST /v1.0/directory/deletedItems/${KIM}/restore`]);
  });

  it('sent again after a lost answer, finds them back in the directory and says the restore was done', async () => {
    const sent = directory(404, 200);
    expect(await restoreUser(client(), KIM)).toBe('was already restored');
    expect(sent).toEqual([`POST /v1.0/directory/deletedItems/${KIM}/restore`, `GET /v1.0/users/${KIM}`]);
  });

  it('says a user Entra no longer keeps (over 30 days) is gone for good', async () => {
    directory(404, 404);
    await expect(restoreUser(client(), KIM)).rejects.toMatchObject({ code: ErrorCodes.notFound, detail: GONE_FOR_GOOD });
  });
});
