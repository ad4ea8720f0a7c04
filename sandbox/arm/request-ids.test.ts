import { describe, expect, it } from 'vitest';
import { control } from '../../test/e2e/control.ts';
import { sandboxRequest } from '../../test/support/https.ts';
import { mintToken, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { MEGAN, SUB } from './arm-test-client.ts';

const sandbox = sandboxPerFile();
const GUID = /^[0-9a-f-]{36}$/;

const arm = async (path: string, headers: Record<string, string> = {}) =>
  sandboxRequest(sandbox(), 'management.azure.com', 'GET', path, {
    token: await mintToken(sandbox(), MEGAN, ['https://management.azure.com/user_impersonation']),
    headers,
  });

describe('ARM request ids', () => {
  it('names an answer with x-ms-request-id and a correlation id, and echoes the client request id', async () => {
    const ok = await arm(`/subscriptions/${SUB}?api-version=2022-12-01`, { 'x-ms-client-request-id': 'c0ffee00-1' });
    expect(ok.status).toBe(200);
    expect(ok.headers['x-ms-request-id']).toMatch(GUID);
    expect(ok.headers['x-ms-correlation-request-id']).toMatch(GUID);
    expect(ok.headers['x-ms-client-request-id']).toBe('c0ffee00-1');
  });

  it("keeps the caller's correlation id and names an error too", async () => {
    const missing = await arm('/subscriptions/00000000-0000-4000-8000-000000000000?api-version=2022-12-01', {
      'x-ms-correlation-request-id': 'c0ffee00-2',
    });
    expect(missing.status).toBe(404);
    expect(missing.headers['x-ms-request-id']).toMatch(GUID);
    expect(missing.headers['x-ms-correlation-request-id']).toBe('c0ffee00-2');
    expect(missing.headers['x-ms-client-request-id']).toBeUndefined();
  });

  it('names a throttled answer, which the sandbox makes before ARM sees the request', async () => {
    const c = control(sandbox().controlPort, sandbox().controlToken);
    await c.addFault({ host: 'management.azure.com', status: 429, retryAfterSeconds: 3, times: 1 });
    const busy = await arm(`/subscriptions/${SUB}?api-version=2022-12-01`, { 'x-ms-client-request-id': 'c0ffee00-3' });
    expect(busy.status).toBe(429);
    expect(busy.headers['retry-after']).toBe('3');
    expect(busy.headers['x-ms-request-id']).toMatch(GUID);
    expect(busy.headers['x-ms-client-request-id']).toBe('c0ffee00-3');
  });

  it('names a Graph answer made for a fault as Graph does', async () => {
    const c = control(sandbox().controlPort, sandbox().controlToken);
    await c.addFault({ host: 'graph.microsoft.com', status: 503, times: 1 });
    const token = await mintToken(sandbox(), MEGAN, ['https://graph.microsoft.com/User.Read']);
    const down = await sandboxRequest(sandbox(), 'graph.microsoft.com', 'GET', '/v1.0/me', {
      token,
      headers: { 'client-request-id': 'c0ffee00-4' },
    });
    expect(down.status).toBe(503);
    expect(down.headers['request-id']).toMatch(GUID);
    expect(down.headers['client-request-id']).toBe('c0ffee00-4');
  });
});
