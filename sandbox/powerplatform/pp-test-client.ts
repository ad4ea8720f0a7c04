/**
 * The environment API and Dataverse as the sandbox's own tests call them: over HTTPS at Microsoft's host names, with
 * a token minted for the API's audience, every exchange checked against the schemas written from Learn
 * (test/contract/powerplatform). Not a test file itself.
 */
import { expect } from 'vitest';
import { type PowerPlatformContractCheck, powerPlatformContract } from '../../test/contract/powerplatform-contract.ts';
import { type SandboxReply, sandboxRequest } from '../../test/support/https.ts';
import { mintToken } from '../../test/support/node-sandbox.ts';
import type { RunningSandbox } from '../server.ts';

export const MEGAN = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
export const ADELE = 'd2b1f5c3-8e4a-4b62-8c73-1f9a2e3d4c5b';
export const LEE = 'e3c2a6d4-9f5b-4c73-9d84-2a0b3f4e5d6c';
export const PAT = 'f4d3b7e5-0a6c-4d84-8e95-3b1c4a5f6e7d';
export const KIM = 'a5e4c8f6-1b7d-4e95-9fa6-4c2d5b6a7f8e';
export const SALES = '8f2a6c1e-4b3d-4e5f-9a70-1b2c3d4e5f01';
export const DEV = '9e3b7d2f-5c4e-4f6a-8b81-2c3d4e5f6a02';
export const DEFAULT_ENV = 'Default-3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
export const SALES_GROUP = '3e9a4d5f-6b7c-4d8e-9fa0-1b2c3d4e5f60';
export const SALES_HOST = 'contoso-sales.crm.dynamics.com';
export const SALES_ROLES = {
  basicUser: 'a1b2c3d4-1001-4a01-8b01-000000000001',
  environmentMaker: 'a1b2c3d4-1002-4a02-8b02-000000000002',
  systemAdministrator: 'a1b2c3d4-1004-4a04-8b04-000000000004',
};
export const MEGAN_IN_SALES = '7c3d4e5f-2a6b-4c7d-8e9f-0a1b2c3d4e01';
export const ADMIN = '/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments';
export const V = 'api-version=2020-10-01';

let contract: PowerPlatformContractCheck | undefined;

function checked(host: string, method: string, pathAndQuery: string, body: unknown, reply: SandboxReply) {
  contract ??= powerPlatformContract();
  const [path = '', query = ''] = pathAndQuery.split('?');
  const type = body === undefined ? undefined : 'application/json';
  expect(contract.request(host, method, path, query, type, body)).toEqual([]);
  expect(contract.response(host, method, path, query, reply.status, reply.body)).toEqual([]);
  return reply;
}

/** Calls api.bap.microsoft.com as `user`, with a token for the PowerApps Service (`https://service.powerapps.com/`). */
export function bapClient(sandbox: () => RunningSandbox) {
  return async (method: string, pathAndQuery: string, user: string, body?: unknown): Promise<SandboxReply> => {
    const token = await mintToken(sandbox(), user, ['https://service.powerapps.com//.default']);
    const reply = await sandboxRequest(sandbox(), 'api.bap.microsoft.com', method, pathAndQuery, { token, body });
    return checked('api.bap.microsoft.com', method, pathAndQuery, body, reply);
  };
}

/** Calls a Dataverse instance as `user`, with a token whose audience is that instance. */
export function dataverseClient(sandbox: () => RunningSandbox, host = SALES_HOST) {
  return async (method: string, pathAndQuery: string, user: string, body?: unknown, audience = `https://${host}`) => {
    const token = await mintToken(sandbox(), user, [`${audience}/.default`]);
    // Spaces in `$filter` go as %20, as a browser's fetch sends them.
    const sent = `/api/data/v9.2/${pathAndQuery.replaceAll(' ', '%20')}`;
    const reply = await sandboxRequest(sandbox(), host, method, sent, { token, body });
    return checked(host, method, sent, body, reply);
  };
}
