import { beforeAll, describe, expect, it } from 'vitest';
import { DATAVERSE_HOSTS } from '../../sandbox/hosts.ts';
import type { Exchange } from '../../sandbox/traffic.ts';
import { type PowerPlatformContractCheck, powerPlatformContract } from './powerplatform-contract.ts';
import { problemsIn, recordedTraffic } from './traffic.ts';

// These schemas are this project's, written from Learn (see ./powerplatform/*.schema.json), not Microsoft's.
// The end-to-end run may hold no Power Platform traffic yet; every exchange it does hold is checked.
const traffic: Exchange[] = ['api.bap.microsoft.com', ...DATAVERSE_HOSTS].flatMap((h) => recordedTraffic(h));
let contract: PowerPlatformContractCheck;

beforeAll(() => {
  contract = powerPlatformContract();
});

describe('Power Platform traffic of the end-to-end run against the schemas written from Learn', () => {
  it('sends only requests the schemas describe', () => {
    const problems = problemsIn(traffic, (e) =>
      contract.request(e.host, e.method, e.path, e.query, e.requestContentType, e.requestBody),
    );
    expect(problems).toEqual([]);
  });

  it('gets only responses the schemas describe', () => {
    const problems = problemsIn(traffic, (e) => contract.response(e.host, e.method, e.path, e.query, e.status, e.responseBody));
    expect(problems).toEqual([]);
  });
});

describe('the Power Platform contract check itself', () => {
  const BAP = 'api.bap.microsoft.com';
  const DV = 'contoso-sales.crm.dynamics.com';
  const env = '/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/8f2a6c1e-4b3d-4e5f-9a70-1b2c3d4e5f01';
  const user = '/api/data/v9.2/systemusers(7c3d4e5f-2a6b-4c7d-8e9f-0a1b2c3d4e01)';

  it('accepts an addUser request with the ObjectId', () => {
    const body = { ObjectId: 'f4d3b7e5-0a6c-4d84-8e95-3b1c4a5f6e7d' };
    expect(contract.request(BAP, 'POST', `${env}/addUser`, 'api-version=2020-10-01', 'application/json', body)).toEqual([]);
  });

  it('accepts next pages asked with $skiptoken, and a Dataverse page answered with its @odata.nextLink', () => {
    const list = `${env.slice(0, env.lastIndexOf('/'))}`;
    expect(contract.request(BAP, 'GET', list, 'api-version=2020-10-01&%24skiptoken=abc', undefined, undefined)).toEqual([]);
    expect(contract.request(DV, 'GET', '/api/data/v9.2/roles', '%24select=name&%24skiptoken=abc', undefined, undefined)).toEqual(
      [],
    );
    const page = {
      '@odata.context': `https://${DV}/api/data/v9.2/$metadata#roles(name)`,
      value: [],
      '@odata.nextLink': `https://${DV}/api/data/v9.2/roles?$select=name&$skiptoken=abc`,
    };
    expect(contract.response(DV, 'GET', '/api/data/v9.2/roles', '', 200, page)).toEqual([]);
  });

  it('rejects an environment read without an api-version', () => {
    expect(contract.request(BAP, 'GET', env, '', undefined, undefined)).not.toEqual([]);
  });

  it('rejects an environment whose type is not the documented one', () => {
    const body = { id: env, type: 'Microsoft.BusinessAppPlatform/environments', location: 'europe', name: env.slice(-36) };
    expect(contract.response(BAP, 'GET', env, '', 200, { ...body, properties: {} })).not.toEqual([]);
  });

  it('rejects a role reference that does not name a role', () => {
    const ref = { '@odata.id': `https://${DV}/api/data/v9.2/systemusers(7c3d4e5f-2a6b-4c7d-8e9f-0a1b2c3d4e01)` };
    const path = `${user}/systemuserroles_association/$ref`;
    expect(contract.request(DV, 'POST', path, '', 'application/json', ref)).not.toEqual([]);
  });

  it('rejects a Dataverse error whose code is not a hexadecimal error value', () => {
    expect(contract.response(DV, 'GET', user, '', 404, { error: { code: 'NotFound', message: 'x' } })).not.toEqual([]);
  });

  it('rejects an operation the schemas do not describe', () => {
    expect(contract.request(DV, 'PATCH', user, '', 'application/json', {})).not.toEqual([]);
  });
});
