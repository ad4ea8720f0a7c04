import { describe, expect, it } from 'vitest';
import { sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { AUTH, armClient, PAT, RG_WEB, ROLES, roleId, STORAGE, WEB } from './arm-test-client.ts';

const sandbox = sandboxPerFile();
const arm = armClient(sandbox);

interface Rule {
  id: string;
  ruleType: string;
  maximumDuration?: string;
  enabledRules?: string[];
  setting?: { isApprovalRequired: boolean; approvalMode: string };
  isEnabled?: boolean;
  claimValue?: string | null;
  target: object;
}
interface Assignment {
  properties: { scope: string; roleDefinitionId: string; policyId: string; effectiveRules: Rule[] };
}

async function policyAssignment(scope: string, role: string): Promise<Assignment> {
  const filter = encodeURIComponent(`roleDefinitionId eq '${roleId(role)}'`);
  const res = await arm('GET', `${scope}${AUTH}/roleManagementPolicyAssignments?api-version=2020-10-01&$filter=${filter}`, PAT);
  expect(res.status).toBe(200);
  const value = (res.body as { value: Assignment[] }).value;
  expect(value).toHaveLength(1);
  return value[0] as Assignment;
}

/** The end-user activation settings the rules say, in one line. */
async function settings(scope: string, role: string) {
  const rules = (await policyAssignment(scope, role)).properties.effectiveRules;
  const rule = (id: string) => rules.find((r) => r.id === id);
  for (const r of rules) expect(r.target).toEqual({ caller: 'EndUser', operations: ['All'], level: 'Assignment' });
  return {
    maximumDuration: rule('Expiration_EndUser_Assignment')?.maximumDuration,
    enabledRules: rule('Enablement_EndUser_Assignment')?.enabledRules,
    approval: rule('Approval_EndUser_Assignment')?.setting?.isApprovalRequired,
    authenticationContext: rule('AuthenticationContext_EndUser_Assignment')?.isEnabled
      ? rule('AuthenticationContext_EndUser_Assignment')?.claimValue
      : null,
  };
}

describe('PIM role management policies', () => {
  it('gives each seeded role its own activation settings', async () => {
    expect(await settings(STORAGE, ROLES.blobReader)).toEqual({
      maximumDuration: 'PT2H',
      enabledRules: ['Justification'],
      approval: false,
      authenticationContext: null,
    });
    expect(await settings(RG_WEB, ROLES.reader)).toMatchObject({
      maximumDuration: 'PT8H',
      enabledRules: ['Justification', 'Ticketing'],
    });
    expect(await settings(WEB, ROLES.websiteContributor)).toMatchObject({ maximumDuration: 'PT4H', approval: true });
    expect(await settings(STORAGE, ROLES.blobContributor)).toMatchObject({
      maximumDuration: 'PT1H',
      authenticationContext: 'c1',
    });
  });

  it("falls back to Azure's default (8 hours, a justification) for a role nobody configured", async () => {
    expect(await settings(STORAGE, ROLES.contributor)).toEqual({
      maximumDuration: 'PT8H',
      enabledRules: ['Justification'],
      approval: false,
      authenticationContext: null,
    });
  });

  it('applies a resource group’s policy to the resources in it', async () => {
    const below = await policyAssignment(WEB, ROLES.reader);
    expect(below.properties.scope).toBe(WEB);
    expect(below.properties.policyId.startsWith(`${RG_WEB}${AUTH}/roleManagementPolicies/`)).toBe(true);
    expect((await settings(WEB, ROLES.reader)).enabledRules).toEqual(['Justification', 'Ticketing']);
  });

  it('reads the policy an assignment names, with the same rules', async () => {
    const assignment = await policyAssignment(STORAGE, ROLES.blobReader);
    const res = await arm('GET', `${assignment.properties.policyId}?api-version=2020-10-01`, PAT);
    expect(res.status).toBe(200);
    expect((res.body as { properties: { rules: Rule[] } }).properties.rules).toEqual(assignment.properties.effectiveRules);
  });

  it('lists every role’s policy assignment at a scope without a filter', async () => {
    const res = await arm('GET', `${STORAGE}${AUTH}/roleManagementPolicyAssignments?api-version=2020-10-01`, PAT);
    const ids = (res.body as { value: Assignment[] }).value.map((a) => a.properties.roleDefinitionId);
    expect(ids).toEqual(expect.arrayContaining([roleId(ROLES.blobReader), roleId(ROLES.contributor)]));
  });
});
