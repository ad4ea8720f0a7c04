import { beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../../sandbox/traffic.ts';
import { type ArmContractCheck, armContract } from './arm-contract.ts';
import { problemsIn, recordedTraffic } from './traffic.ts';

const traffic = recordedTraffic('management.azure.com');
let contract: ArmContractCheck;

beforeAll(() => {
  contract = armContract();
});

describe('ARM traffic of the end-to-end run against ../shared/contracts/arm', () => {
  it('has traffic to check, with a role granted (run the e2e suite first)', () => {
    expect(traffic.length).toBeGreaterThan(0);
    const granted = (e: Exchange) =>
      e.method === 'PUT' && /\/(roleAssignments|roleEligibilityScheduleRequests)\/[^/]+$/.test(e.path) && e.status < 300;
    expect(traffic.some(granted)).toBe(true);
  });

  it('sends only requests the contract describes', () => {
    const problems = problemsIn(traffic, (e) => contract.request(e.method, e.path, e.query, e.requestContentType, e.requestBody));
    expect(problems).toEqual([]);
  });

  it('gets only responses the contract describes', () => {
    const problems = problemsIn(traffic, (e) => contract.response(e.method, e.path, e.query, e.status, e.responseBody));
    expect(problems).toEqual([]);
  });
});

describe('the contract check itself', () => {
  const scope = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data';
  const storage = `${scope}/providers/Microsoft.Storage/storageAccounts/stdata01`;
  const assignment = `${scope}/providers/Microsoft.Authorization/roleAssignments/4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5b`;
  const properties = {
    roleDefinitionId:
      '/subscriptions/11111111-2222-4333-8444-555555555555/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7',
    principalId: 'f479aa4e-d145-4e80-9ef3-49ccef0e102c',
  };
  const put = (path: string, query: string, body: unknown) => contract.request('PUT', path, query, 'application/json', body);

  it('accepts a role assignment at a resource, its scope holding slashes', () => {
    const path = storage + assignment.slice(scope.length);
    expect(put(path, 'api-version=2022-04-01', { properties: { ...properties, principalType: 'User' } })).toEqual([]);
  });

  it("accepts a next page asked with the $skiptoken of ARM's nextLink, and a list answered with its nextLink", () => {
    const list = `${storage}/providers/Microsoft.Authorization/roleAssignments`;
    expect(contract.request('GET', list, 'api-version=2022-04-01&%24skiptoken=abc', undefined, undefined)).toEqual([]);
    const next = `https://management.azure.com${list}?api-version=2022-04-01&%24skiptoken=abc`;
    expect(contract.response('GET', list, 'api-version=2022-04-01', 200, { value: [], nextLink: next })).toEqual([]);
  });

  it('matches resourcegroups whatever its case', () => {
    expect(
      contract.request('GET', scope.replace('resourceGroups', 'RESOURCEGROUPS'), 'api-version=2025-04-01', undefined, undefined),
    ).toEqual([]);
  });

  it('rejects a role assignment whose principalType is not one of the enum values', () => {
    expect(put(assignment, 'api-version=2022-04-01', { properties: { ...properties, principalType: 'Guest' } })).not.toEqual([]);
  });

  it('rejects a role assignment that sends the read-only scope', () => {
    expect(put(assignment, 'api-version=2022-04-01', { properties: { ...properties, scope } })).not.toEqual([]);
  });

  it('rejects an api-version the swagger file does not declare', () => {
    expect(put(assignment, 'api-version=2020-10-01', { properties })).not.toEqual([]);
  });

  it('rejects an eligibility request without its requestType', () => {
    const path = `${scope}/providers/Microsoft.Authorization/roleEligibilityScheduleRequests/4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5b`;
    expect(put(path, 'api-version=2020-10-01', { properties })).not.toEqual([]);
  });

  it('rejects an operation the contract does not describe', () => {
    expect(contract.request('PATCH', assignment, 'api-version=2022-04-01', 'application/json', { properties })).not.toEqual([]);
  });

  it('rejects a subscription with a property the swagger does not describe', () => {
    const sub = '/subscriptions/11111111-2222-4333-8444-555555555555';
    const body = { id: sub, subscriptionId: sub.slice(15), displayName: 'Contoso', state: 'Enabled', owner: 'me' };
    expect(contract.response('GET', sub, 'api-version=2022-12-01', 200, body)).not.toEqual([]);
  });

  it("accepts an access review of a resource's guests, its scope filter sent though the swagger marks it read-only", () => {
    const path = `${storage}/providers/Microsoft.Authorization/accessReviewScheduleDefinitions/4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5b`;
    const review = {
      displayName: 'Guests',
      scope: { principalType: 'guestUser' },
      reviewers: [{ principalId: properties.principalId }],
    };
    expect(put(path, 'api-version=2021-12-01-preview', review)).toEqual([]);
    // Other read-only fields stay refused: the reviewer's principalType is the service's to set.
    const typed = { ...review, reviewers: [{ principalId: properties.principalId, principalType: 'user' }] };
    expect(put(path, 'api-version=2021-12-01-preview', typed)).not.toEqual([]);
    expect(put(path, 'api-version=2021-12-01-preview', { ...review, scope: { principalType: 'guests' } })).not.toEqual([]);
  });

  it('rejects an error body whose code is not a string', () => {
    expect(contract.response('PUT', assignment, 'api-version=2022-04-01', 403, { error: { code: 403 } })).not.toEqual([]);
  });
});
