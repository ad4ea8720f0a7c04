import { describe, expect, it } from 'vitest';
import { control } from '../../test/e2e/control.ts';
import { sandboxRequest } from '../../test/support/https.ts';
import { CONTOSO, mintToken, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { ADELE, ADMIN, bapClient, DEFAULT_ENV, DEV, LEE, MEGAN, PAT, SALES, SALES_GROUP, V } from './pp-test-client.ts';

const sandbox = sandboxPerFile();
const bap = bapClient(sandbox);
/** Power Apps Premium, which the seed's tenant holds units of. */
const PREMIUM = 'b30411f5-fea1-4a59-9ad9-3db7c7ead579';
type Env = { name: string; properties: Record<string, unknown> & { linkedEnvironmentMetadata?: Record<string, unknown> } };

describe('the environment API', () => {
  it('shows an admin the Sales environment with its Dataverse and security group', async () => {
    const reply = await bap('GET', `${ADMIN}/${SALES}?${V}`, MEGAN);
    expect(reply.status).toBe(200);
    const env = reply.body as Env & { id: string };
    expect(env.id).toBe(`${ADMIN}/${SALES}`);
    expect(env.properties).toMatchObject({ displayName: 'Contoso Sales', environmentSku: 'Production', isDefault: false });
    expect(env.properties.linkedEnvironmentMetadata).toMatchObject({
      instanceUrl: 'https://contoso-sales.crm.dynamics.com/',
      securityGroupId: SALES_GROUP,
    });
  });

  it('lists the three environments for an admin, the default one without a Dataverse', async () => {
    const reply = await bap('GET', `${ADMIN}?${V}`, MEGAN);
    const envs = (reply.body as { value: Env[] }).value;
    expect(envs.map((e) => e.name).sort()).toEqual([SALES, DEV, DEFAULT_ENV].sort());
    const dflt = envs.find((e) => e.name === DEFAULT_ENV);
    expect(dflt?.properties).toMatchObject({ isDefault: true, environmentSku: 'Default' });
    expect(dflt?.properties.linkedEnvironmentMetadata).toBeUndefined();
    expect(envs.find((e) => e.name === DEV)?.properties.linkedEnvironmentMetadata?.securityGroupId).toBeUndefined();
  });

  it('answers an unknown environment with EnvironmentNotFound', async () => {
    const reply = await bap('GET', `${ADMIN}/00000000-0000-4000-8000-000000000000?${V}`, MEGAN);
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ error: { code: 'EnvironmentNotFound' } });
  });

  it('refuses the admin scope to a non-admin, who reads only the environments they may enter', async () => {
    expect((await bap('GET', `${ADMIN}/${SALES}?${V}`, ADELE)).status).toBe(403);
    const own = '/providers/Microsoft.BusinessAppPlatform/environments';
    expect((await bap('GET', `${own}/${SALES}?${V}`, LEE)).status).toBe(200);
    expect((await bap('GET', `${own}/${SALES}?${V}`, ADELE)).status).toBe(404);
    const names = ((await bap('GET', `${own}?${V}`, ADELE)).body as { value: Env[] }).value.map((e) => e.name);
    expect(names.sort()).toEqual([DEV, DEFAULT_ENV].sort());
  });

  it('reads the tenant settings, guests not allowed to make apps until an admin changes it', async () => {
    const path = `/providers/Microsoft.BusinessAppPlatform/listTenantSettings?${V}`;
    const read = async () => ((await bap('POST', path, MEGAN)).body as { powerPlatform: { powerApps: object } }).powerPlatform;
    expect((await read()).powerApps).toMatchObject({ enableGuestsToMake: false });
    await control(sandbox().controlPort, sandbox().controlToken).patchPowerPlatformSettings(CONTOSO, {
      enableGuestsToMake: true,
    });
    expect((await read()).powerApps).toMatchObject({ enableGuestsToMake: true });
    expect((await bap('POST', path, ADELE)).status).toBe(403);
  });

  it('refuses addUser for a guest outside the security group, with the service error', async () => {
    const reply = await bap('POST', `${ADMIN}/${SALES}/addUser?${V}`, MEGAN, { ObjectId: PAT });
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({ error: { code: 'UserNotMemberOfCdsSecurityGroup' } });
  });

  it('takes addUser from an admin only', async () => {
    expect((await bap('POST', `${ADMIN}/${DEV}/addUser?${V}`, ADELE, { ObjectId: PAT })).status).toBe(403);
    expect((await bap('POST', `${ADMIN}/${DEV}/addUser?${V}`, MEGAN, { ObjectId: PAT })).status).toBe(200);
  });

  it('answers addUser with userNotLicensed until a new licence has reached Power Platform', async () => {
    const c = control(sandbox().controlPort, sandbox().controlToken);
    // Three minutes of sandbox time, passing 120 times faster: a second and a half.
    await c.licensePropagation(3 * 60_000);
    await c.timeScale(120);
    const graph = async (method: string, path: string, body: unknown) =>
      sandboxRequest(sandbox(), 'graph.microsoft.com', method, `/v1.0${path}`, {
        token: await mintToken(sandbox(), MEGAN, ['https://graph.microsoft.com/User.ReadWrite.All']),
        body,
      });
    await graph('PATCH', `/users/${PAT}`, { usageLocation: 'NL' });
    expect(
      (await graph('POST', `/users/${PAT}/assignLicense`, { addLicenses: [{ skuId: PREMIUM }], removeLicenses: [] })).status,
    ).toBe(200);
    const started = Date.now();
    const add = () => bap('POST', `${ADMIN}/${DEV}/addUser?${V}`, MEGAN, { ObjectId: PAT });
    const refused = await add();
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'userNotLicensed' } });
    await expect.poll(async () => (await add()).status, { timeout: 3500, interval: 250 }).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('refuses a token for another audience and a request without api-version', async () => {
    const token = await mintToken(sandbox(), MEGAN, ['https://graph.microsoft.com/User.Read']);
    expect((await sandboxRequest(sandbox(), 'api.bap.microsoft.com', 'GET', `${ADMIN}?${V}`, { token })).status).toBe(401);
    const ppToken = await mintToken(sandbox(), MEGAN, ['https://service.powerapps.com/.default']);
    expect((await sandboxRequest(sandbox(), 'api.bap.microsoft.com', 'GET', ADMIN, { token: ppToken })).status).toBe(400);
  });

  it('throttles with 429 and Retry-After when a fault rule says so', async () => {
    const c = control(sandbox().controlPort, sandbox().controlToken);
    await c.addFault({ host: 'api.bap.microsoft.com', status: 429, retryAfterSeconds: 7, times: 1 });
    const reply = await bap('GET', `${ADMIN}/${SALES}?${V}`, MEGAN);
    expect(reply.status).toBe(429);
    expect(reply.headers['retry-after']).toBe('7');
    expect((await bap('GET', `${ADMIN}/${SALES}?${V}`, MEGAN)).status).toBe(200);
  });
});
