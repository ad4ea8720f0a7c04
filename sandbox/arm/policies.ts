import { createHash } from 'node:crypto';
import type { ApiResponse } from '../api.ts';
import type { SandboxAzure, SandboxRolePolicy } from '../store.ts';
import { AUTH, ancestors, armError, type Caller, roleDetails, scopeDetails } from './caller.ts';
import { roleIn, rolesOf } from './roles.ts';

/**
 * Azure's end-user activation settings for a role nobody has configured: at most 8 hours, a justification, no
 * approval, no authentication context. The 8 hours is PIM's documented default ("Activation maximum duration",
 * learn: pim-resource-roles-configure-role-settings; cisagov/ScubaGear#254 "default is 8 hours"); untouched Reader
 * policies read "on activation: Justification" in a live run recorded 2026-10-09 (Omnicit.PIM live checklist, S.3).
 */
const AZURE_DEFAULT = { maximumDuration: 'PT8H', enabledRules: ['Justification'], approvalRequired: false } as const;

export type EffectivePolicy = SandboxRolePolicy;

/** The policy that governs activating `roleGuid` at `scope`: the nearest stored one at or above it, else the default. */
export function effectivePolicy(azure: SandboxAzure, scope: string, roleGuid: string): EffectivePolicy {
  const role = roleGuid.toLowerCase();
  for (const s of ancestors(scope).reverse()) {
    const p = azure.policies?.find((x) => x.scope.toLowerCase() === s && x.roleDefinitionId.toLowerCase() === role);
    if (p) return p;
  }
  return { scope, roleDefinitionId: role, ...AZURE_DEFAULT, enabledRules: [...AZURE_DEFAULT.enabledRules] };
}

/** A policy's name: a GUID derived from where it lives and its role, so it is the same on every read. */
export function policyName(scope: string, roleGuid: string): string {
  const h = createHash('sha1').update(`${scope.toLowerCase()}|${roleGuid.toLowerCase()}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const policyId = (p: EffectivePolicy) => `${p.scope}${AUTH}roleManagementPolicies/${policyName(p.scope, p.roleDefinitionId)}`;

/** The end-user activation rules, as ARM's rule objects. */
export function endUserRules(p: EffectivePolicy) {
  const target = { caller: 'EndUser', operations: ['All'], level: 'Assignment' };
  return [
    {
      id: 'Expiration_EndUser_Assignment',
      ruleType: 'RoleManagementPolicyExpirationRule',
      isExpirationRequired: true,
      maximumDuration: p.maximumDuration,
      target,
    },
    { id: 'Enablement_EndUser_Assignment', ruleType: 'RoleManagementPolicyEnablementRule', enabledRules: p.enabledRules, target },
    {
      id: 'Approval_EndUser_Assignment',
      ruleType: 'RoleManagementPolicyApprovalRule',
      setting: {
        isApprovalRequired: p.approvalRequired,
        isApprovalRequiredForExtension: false,
        isRequestorJustificationRequired: true,
        approvalMode: 'SingleStage',
        approvalStages: [
          {
            approvalStageTimeOutInDays: 1,
            isApproverJustificationRequired: true,
            escalationTimeInMinutes: 0,
            isEscalationEnabled: false,
            primaryApprovers: [],
            escalationApprovers: [],
          },
        ],
      },
      target,
    },
    {
      id: 'AuthenticationContext_EndUser_Assignment',
      ruleType: 'RoleManagementPolicyAuthenticationContextRule',
      isEnabled: Boolean(p.authenticationContext),
      claimValue: p.authenticationContext ?? null,
      target,
    },
  ];
}

function policyAssignment(azure: SandboxAzure, scope: string, roleGuid: string) {
  const p = effectivePolicy(azure, scope, roleGuid);
  const name = `${policyName(p.scope, p.roleDefinitionId)}_${roleGuid}`;
  const role = roleDetails(azure, scope, roleGuid);
  return {
    id: `${scope}${AUTH}roleManagementPolicyAssignments/${name}`,
    name,
    type: 'Microsoft.Authorization/RoleManagementPolicyAssignment',
    properties: {
      scope,
      roleDefinitionId: role.id,
      policyId: policyId(p),
      effectiveRules: endUserRules(p),
      policyAssignmentProperties: { scope: scopeDetails(azure, scope), roleDefinition: role, policy: { id: policyId(p) } },
    },
  };
}

/**
 * `roleManagementPolicyAssignments` at a scope, one per role, or only the role `$filter=roleDefinitionId eq '…'`
 * names. No read permission is asked: an eligible person reads the settings of the role they activate.
 */
export function listPolicyAssignments(c: Caller, scope: string, filter: string): ApiResponse {
  const wanted = /roleDefinitionId\s+eq\s+'([^']+)'/i.exec(filter)?.[1]?.split('/').pop()?.toLowerCase();
  const all = rolesOf(c.azure);
  const roles = wanted ? all.filter((r) => r.name === wanted) : all;
  return { status: 200, body: { value: roles.map((r) => policyAssignment(c.azure, scope, r.name)) } };
}

/** A policy by its name, found among the policies that live at `scope`. */
export function getPolicy(c: Caller, scope: string, name: string): ApiResponse {
  const here = scope.toLowerCase();
  for (const r of rolesOf(c.azure)) {
    const p = effectivePolicy(c.azure, scope, r.name);
    if (p.scope.toLowerCase() !== here || policyName(p.scope, r.name) !== name.toLowerCase()) continue;
    const rules = endUserRules(p);
    return {
      status: 200,
      body: {
        id: policyId(p),
        name: policyName(p.scope, r.name),
        type: 'Microsoft.Authorization/RoleManagementPolicies',
        properties: {
          scope: p.scope,
          displayName: roleIn(c.azure, r.name)?.properties.roleName ?? '',
          description: '',
          isOrganizationDefault: false,
          rules,
          effectiveRules: rules,
          policyProperties: { scope: scopeDetails(c.azure, p.scope) },
        },
      },
    };
  }
  // Code unverified against the live service; ARM answers 404 for a resource it does not have.
  return armError(404, 'RoleManagementPolicyNotFound', `The role management policy '${name}' could not be found.`);
}
