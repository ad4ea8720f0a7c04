import { describe, expect, it } from 'vitest';
import { control } from '../test/e2e/control.ts';
import { sandboxRequest } from '../test/support/https.ts';
import { CONTOSO, mintToken, sandboxPerFile } from '../test/support/node-sandbox.ts';
import { Faults } from './faults.ts';

const sandbox = sandboxPerFile();
const client = () => control(sandbox().controlPort, sandbox().controlToken);
const MEGAN = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const API_HOSTS = [
  'graph.microsoft.com',
  'management.azure.com',
  'api.powerbi.com',
  'api.bap.microsoft.com',
  'contoso-sales.crm.dynamics.com',
];

/** What a browser's preflight from the extension's origin gets back: the origin it may read from, if any. */
async function preflightAllows(host: string, path = '/v1.0/me'): Promise<unknown> {
  const reply = await sandboxRequest(sandbox(), host, 'OPTIONS', path, {
    headers: { origin: EXTENSION, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
  });
  return reply.headers['access-control-allow-origin'];
}

describe('CORS at the sandbox', () => {
  it('refuses CORS at the environment API unless told otherwise', async () => {
    expect(new Faults().corsRefusal).toBe('environment-api');
    await client().refuseCors('environment-api');
    expect(await preflightAllows('api.bap.microsoft.com')).toBeUndefined();
    const token = await mintToken(sandbox(), MEGAN, ['https://service.powerapps.com//.default']);
    const reply = await sandboxRequest(
      sandbox(),
      'api.bap.microsoft.com',
      'GET',
      '/providers/Microsoft.BusinessAppPlatform/environments?api-version=2020-10-01',
      {
        token,
        headers: { origin: EXTENSION },
      },
    );
    expect(reply.status).toBe(200);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    expect(await preflightAllows('graph.microsoft.com')).toBe(EXTENSION);
  });

  it('refuses CORS on every API host when told, and a reset keeps it so', async () => {
    await client().refuseCors('every-api');
    await client().reset();
    await client().clearFaults();
    for (const host of API_HOSTS) expect(await preflightAllows(host), host).toBeUndefined();
    const token = await mintToken(sandbox(), MEGAN, ['https://graph.microsoft.com/.default']);
    const me = await sandboxRequest(sandbox(), 'graph.microsoft.com', 'GET', '/v1.0/me', {
      token,
      headers: { origin: EXTENSION },
    });
    expect(me.status).toBe(200);
    expect(me.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('keeps answering CORS at the login host, where a single-page app redeems its code cross-origin', async () => {
    await client().refuseCors('every-api');
    expect(await preflightAllows('login.microsoftonline.com', `/${CONTOSO}/oauth2/v2.0/token`)).toBe(EXTENSION);
  });

  it('says which settings there are when given another', async () => {
    await expect(client().refuseCors('nowhere' as 'every-api')).rejects.toThrow(/environment-api, every-api/);
  });
});
