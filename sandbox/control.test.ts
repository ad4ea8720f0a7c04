import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { control } from '../test/e2e/control.ts';
import { CONTOSO, mintToken, sandboxPerFile } from '../test/support/node-sandbox.ts';

const sandbox = sandboxPerFile();
const MEGAN = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
const POLICY = `/tenants/${CONTOSO}/authorizationPolicy`;

/** node:http rather than fetch: fetch will not set `Host`, and sends no `Origin` unless told. */
function call(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: sandbox().controlPort, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const authorized = () => ({ authorization: `Bearer ${sandbox().controlToken}`, 'content-type': 'application/json' });
const client = () => control(sandbox().controlPort, sandbox().controlToken);
const invitesFrom = async () =>
  (await client().state()).tenants.find((t) => t.id === CONTOSO)?.authorizationPolicy.allowInvitesFrom;
const closeInvites = JSON.stringify({ allowInvitesFrom: 'none' });

describe('control API', () => {
  it('refuses a request without the token and changes nothing', async () => {
    const before = await invitesFrom();
    const res = await call('PATCH', POLICY, { 'content-type': 'application/json' }, closeInvites);
    expect(res.status).toBe(401);
    expect(await invitesFrom()).toBe(before);
  });

  it('refuses a request with the wrong token and changes nothing', async () => {
    const before = await invitesFrom();
    const headers = { ...authorized(), authorization: 'Bearer not-the-token' };
    expect((await call('PATCH', POLICY, headers, closeInvites)).status).toBe(401);
    expect(await invitesFrom()).toBe(before);
  });

  it('refuses to read state without the token', async () => {
    expect((await call('GET', '/state', {})).status).toBe(401);
  });

  it('refuses a request with an Origin header, even with the token', async () => {
    const before = await invitesFrom();
    const headers = { ...authorized(), origin: 'https://attacker.example' };
    expect((await call('PATCH', POLICY, headers, closeInvites)).status).toBe(403);
    expect(await invitesFrom()).toBe(before);
  });

  it('refuses a foreign Host header, even with the token', async () => {
    const before = await invitesFrom();
    const headers = { ...authorized(), host: `rebound.attacker.example:${sandbox().controlPort}` };
    expect((await call('PATCH', POLICY, headers, closeInvites)).status).toBe(403);
    expect(await invitesFrom()).toBe(before);
  });

  it('refuses a body that is not sent as JSON', async () => {
    const before = await invitesFrom();
    const headers = { ...authorized(), 'content-type': 'text/plain' };
    expect((await call('PATCH', POLICY, headers, closeInvites)).status).toBe(415);
    expect(await invitesFrom()).toBe(before);
  });

  it('answers 400, not 500, to a body that is not a JSON object', async () => {
    const res = await call('PATCH', POLICY, authorized(), '[not json');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: expect.stringContaining('JSON object') });
    expect((await call('PATCH', POLICY, authorized(), '[1]')).status).toBe(400);
  });

  it('does what an authorized JSON request asks, at 127.0.0.1 or localhost', async () => {
    expect((await call('PATCH', POLICY, authorized(), closeInvites)).status).toBe(200);
    expect(await invitesFrom()).toBe('none');
    const viaLocalhost = { ...authorized(), host: `localhost:${sandbox().controlPort}` };
    expect((await call('GET', '/state', viaLocalhost)).status).toBe(200);
  });

  it('answers 404 to approving a PIM request it does not have, and lists none after a reset', async () => {
    const res = await call('POST', `/tenants/${CONTOSO}/pim/requests/${crypto.randomUUID()}/approve`, authorized(), '{}');
    expect(res.status).toBe(404);
    expect(await client().pimRequests(CONTOSO)).toEqual([]);
  });

  it('shortens the minimum time before deactivation until the next reset', async () => {
    await client().minimumActiveSeconds(0);
    expect(sandbox().faults.minimumActiveSeconds).toBe(0);
    await client().reset();
    expect(sandbox().faults.minimumActiveSeconds).toBe(300);
  });

  it('lists a token minted through POST /tokens among the issued ones', async () => {
    const token = await mintToken(sandbox(), MEGAN, ['https://graph.microsoft.com/User.Read']);
    expect((await client().issuedTokens()).accessTokens).toContain(token);
  });
});
