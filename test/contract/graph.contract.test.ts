import { beforeAll, describe, expect, it } from 'vitest';
import { type ContractCheck, graphContract } from './graph-contract.ts';
import { problemsIn, recordedTraffic } from './traffic.ts';

const traffic = recordedTraffic('graph.microsoft.com');
let contract: ContractCheck;

beforeAll(() => {
  contract = graphContract();
});

describe('Graph traffic of the end-to-end run against ../shared/contracts', () => {
  it('has traffic to check (run the e2e suite first)', () => {
    expect(traffic.length).toBeGreaterThan(0);
    expect(traffic.some((e) => e.method === 'POST' && e.path === '/v1.0/invitations' && e.status === 201)).toBe(true);
  });

  it('sends only requests the contract describes', () => {
    const problems = problemsIn(traffic, (e) => contract.request(e.method, e.path, e.query, e.requestContentType, e.requestBody));
    expect(problems).toEqual([]);
  });

  it('gets only responses the contract describes', () => {
    const problems = problemsIn(traffic, (e) => contract.response(e.method, e.path, e.status, e.responseBody));
    expect(problems).toEqual([]);
  });
});

describe('the contract check itself', () => {
  it('rejects an invitation whose send-e-mail flag is not a boolean', () => {
    const body = { invitedUserEmailAddress: 'a@b.example', inviteRedirectUrl: 'https://x.example', sendInvitationMessage: 'yes' };
    expect(contract.request('POST', '/v1.0/invitations', '', 'application/json', body)).not.toEqual([]);
  });

  it('accepts a page of a directory search: $skiptoken, $search and $count, an @odata.nextLink answered', () => {
    expect(
      contract.request(
        'GET',
        '/v1.0/users',
        '%24search=%22displayName%3Aad%22&%24count=true&%24skiptoken=abc',
        undefined,
        undefined,
      ),
    ).toEqual([]);
    const next = 'https://graph.microsoft.com/v1.0/users?$skiptoken=abc';
    expect(contract.response('GET', '/v1.0/users', 200, { value: [], '@odata.nextLink': next })).toEqual([]);
  });

  it('rejects a $select of a property users do not have', () => {
    expect(contract.request('GET', '/v1.0/users', '%24select=id%2CfavouriteColour', undefined, undefined)).not.toEqual([]);
  });

  it("takes a $select of a user's properties on a group's members, and refuses one no member type has", () => {
    const members = '/v1.0/groups/c05b6c7d-8e9f-4a0b-82cd-3e4f5a6b7c8d/transitiveMembers';
    expect(contract.request('GET', members, '%24select=id%2CuserType%2CcreationType', undefined, undefined)).toEqual([]);
    expect(contract.request('GET', members, '%24select=id%2CfavouriteColour', undefined, undefined)).not.toEqual([]);
  });

  it('rejects an operation the contract does not describe', () => {
    expect(contract.request('DELETE', '/v1.0/invitations', '', undefined, undefined)).not.toEqual([]);
  });

  it('rejects a user collection whose userType is not a string', () => {
    expect(contract.response('GET', '/v1.0/users', 200, { value: [{ id: '1', userType: 7 }] })).not.toEqual([]);
  });

  it('reads an organization by tenant id as Learn writes it, and holds the answer to tenantInformation', () => {
    const path = "/v1.0/tenantRelationships/findTenantInformationByTenantId(tenantId='9d4c2b1a-6e5f-4a3b-8c2d-1e0f9a8b7c6d')";
    expect(contract.request('GET', path, '', undefined, undefined)).toEqual([]);
    const info = {
      tenantId: '9d4c2b1a-6e5f-4a3b-8c2d-1e0f9a8b7c6d',
      displayName: 'Partner Ltd',
      defaultDomainName: 'partner.example',
      federationBrandName: null,
    };
    expect(contract.response('GET', path, 200, info)).toEqual([]);
    expect(contract.response('GET', path, 200, { ...info, displayName: 7 })).not.toEqual([]);
    const notFound = {
      error: { code: 'Directory_ObjectNotFound', message: 'Unable to read the company information from the directory.' },
    };
    expect(contract.response('GET', path, 404, notFound)).toEqual([]);
  });

  it("holds Graph's access reviews to the CSDL's accessReviewScheduleDefinition (the subset leaves them out)", () => {
    const path = '/v1.0/identityGovernance/accessReviews/definitions';
    const definition = {
      displayName: 'Guests of Sales Analytics viewers',
      scope: {
        '@odata.type': '#microsoft.graph.accessReviewQueryScope',
        query: '/groups/g/transitiveMembers',
        queryType: 'MicrosoftGraph',
      },
      reviewers: [{ query: '/users/u', queryType: 'MicrosoftGraph' }],
      settings: {
        instanceDurationInDays: 14,
        recurrence: { range: { type: 'numbered', numberOfOccurrences: 1, startDate: '2026-12-08' } },
      },
    };
    expect(contract.request('POST', path, '', 'application/json', definition)).toEqual([]);
    expect(contract.request('GET', path, '%24top=100&%24skip=0', undefined, undefined)).toEqual([]);
    // A nullable complex property is `anyOf` its type or any object, as the subset writes it: its own fields are held.
    expect(contract.request('POST', path, '', 'application/json', { ...definition, displayName: 7 })).not.toEqual([]);
    expect(contract.response('GET', path, 200, { value: [{ ...definition, createdDateTime: 'yesterday' }] })).not.toEqual([]);
    expect(contract.request('POST', `${path}/d/instances/i/applyDecisions`, '', undefined, undefined)).toEqual([]);
  });

  it('holds guest lifecycle to the extract written from Learn: attest takes no body, a lifecycle its documented states', () => {
    const attest = '/v1.0/users/7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f/microsoft.graph.identityGovernance.attest';
    expect(contract.request('POST', attest, '', undefined, undefined)).toEqual([]);
    expect(contract.request('POST', attest, '', 'application/json', { justification: 'still needed' })).not.toEqual([]);
    expect(contract.response('POST', attest, 204, undefined)).toEqual([]);
    const lifecycle = '/v1.0/users/7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f/lifecycle';
    expect(
      contract.request('GET', lifecycle, '%24expand=effectiveGoverningPolicy%28%24expand%3Drules%29', undefined, undefined),
    ).toEqual([]);
    expect(contract.response('GET', lifecycle, 200, { id: 'x', complianceState: 'warning' })).toEqual([]);
    expect(contract.response('GET', lifecycle, 200, { id: 'x', complianceState: 'overdue' })).not.toEqual([]);
  });

  it('rejects an error body that is not an ODataError', () => {
    expect(contract.response('POST', '/v1.0/invitations', 403, { message: 'nope' })).not.toEqual([]);
  });
});
