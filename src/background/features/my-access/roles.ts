import type { Settings } from '../../../common/config.ts';
import { durationMinutes, type MyRole, type ReachableTenant, type RolePolicy } from '../../../common/my-access.ts';
import { scopeParts } from '../../../common/page-context.ts';
import { isArmScope, scopePath } from '../../../logic/arm-id.ts';
import { scopeWords } from '../../../logic/scope-words.ts';
import { armList } from '../../services/arm/client.ts';
import { commonJobs } from '../invite/role-jobs.ts';

const AUTH = '/providers/Microsoft.Authorization';
const PIM = '2020-10-01';

interface Instance {
  name: string;
  properties: {
    scope: string;
    roleDefinitionId: string;
    principalId: string;
    status?: string;
    startDateTime?: string | null;
    endDateTime?: string | null;
    assignmentType?: string;
    roleEligibilityScheduleId?: string;
    expandedProperties?: {
      roleDefinition?: { displayName?: string };
      scope?: { displayName?: string; type?: string };
    };
  };
}

/**
 * The scope in words; the subscription named as ARM lists it to me, or by the scope itself when that is the
 * subscription. ARM lists only the subscriptions I hold an active role in, so a guest with only an eligible role
 * there is told that its name cannot be read (the card keeps the id in a disclosure), never shown a bare GUID.
 */
function scopeInWords(scope: string, subscriptions: Map<string, string>, name?: string): string {
  const p = scopeParts(scope);
  return scopeWords(scope, subscriptions.get(p.subscriptionId) ?? (!p.resourceGroup && name ? name : null));
}

function myRole(kind: MyRole['kind'], i: Instance, subscriptions: Map<string, string>): MyRole | null {
  const p = i.properties;
  // Only scopes in the grammar the rest of the extension accepts are shown, and so can be acted on.
  if (!isArmScope(p.scope)) return null;
  const roleName = p.expandedProperties?.roleDefinition?.displayName ?? '';
  const type =
    scopeParts(p.scope).resourceType ??
    (scopeParts(p.scope).resourceGroup ? 'Microsoft.Resources/resourceGroups' : 'Microsoft.Resources/subscriptions');
  return {
    kind,
    roleId: p.roleDefinitionId.split('/').pop() ?? '',
    roleDefinitionId: p.roleDefinitionId,
    roleName,
    words: commonJobs(type).get(roleName) ?? '',
    scope: p.scope,
    scopeWords: scopeInWords(p.scope, subscriptions, p.expandedProperties?.scope?.displayName),
    start: p.startDateTime ?? null,
    end: p.endDateTime ?? null,
    ...(kind === 'eligible'
      ? { eligibilityScheduleId: p.roleEligibilityScheduleId ?? '' }
      : { assignmentType: p.assignmentType ?? 'Assigned' }),
  };
}

/**
 * My eligible and active Azure roles everywhere in this tenant: asked once each from the tenant root with
 * asTarget(), which ARM answers for anyone, with only the caller's own.
 */
export async function myRoles(settings: Settings): Promise<{ eligible: MyRole[]; active: MyRole[] }> {
  const filter = `$filter=${encodeURIComponent('asTarget()')}`;
  const [eligible, active, subscriptions] = await Promise.all([
    armList<Instance>(settings, `${AUTH}/roleEligibilityScheduleInstances?${filter}`, PIM),
    armList<Instance>(settings, `${AUTH}/roleAssignmentScheduleInstances?${filter}`, PIM),
    armList<{ subscriptionId: string; displayName: string }>(settings, '/subscriptions', '2022-12-01').then(
      (r) => new Map(r.items.map((s) => [s.subscriptionId, s.displayName])),
      () => new Map<string, string>(),
    ),
  ]);
  const mine = (kind: MyRole['kind'], list: Instance[]) =>
    list.map((i) => myRole(kind, i, subscriptions)).filter((r): r is MyRole => r !== null);
  const byEnd = (a: MyRole, b: MyRole) => (a.end ?? '9').localeCompare(b.end ?? '9');
  return { eligible: mine('eligible', eligible.items).sort(byEnd), active: mine('active', active.items).sort(byEnd) };
}

interface Rule {
  id: string;
  maximumDuration?: string;
  enabledRules?: string[];
  setting?: { isApprovalRequired?: boolean };
  isEnabled?: boolean;
  claimValue?: string;
}

/** What activating this role at this scope asks for, from its policy's effective end-user rules. */
export async function rolePolicy(settings: Settings, scope: string, roleDefinitionId: string): Promise<RolePolicy> {
  const filter = encodeURIComponent(`roleDefinitionId eq '${roleDefinitionId}'`);
  const { items } = await armList<{ properties: { effectiveRules?: Rule[] } }>(
    settings,
    `${scopePath(scope)}${AUTH}/roleManagementPolicyAssignments?$filter=${filter}`,
    PIM,
    1,
  );
  const rules = items[0]?.properties.effectiveRules ?? [];
  const rule = (id: string) => rules.find((r) => r.id === id);
  const enabled = rule('Enablement_EndUser_Assignment')?.enabledRules ?? [];
  const context = rule('AuthenticationContext_EndUser_Assignment');
  return {
    // Azure's default when a policy says nothing: 8 hours (learn: "Configure Azure resource role settings in PIM").
    maxMinutes: durationMinutes(rule('Expiration_EndUser_Assignment')?.maximumDuration ?? '') ?? 480,
    justification: enabled.includes('Justification'),
    ticket: enabled.includes('Ticketing'),
    mfa: enabled.includes('MultiFactorAuthentication'),
    approval: rule('Approval_EndUser_Assignment')?.setting?.isApprovalRequired === true,
    authContext: context?.isEnabled ? (context.claimValue ?? null) : null,
  };
}

/** The tenants this account can reach (ARM's list), its home first. */
export async function myTenants(settings: Settings): Promise<ReachableTenant[]> {
  const { items } = await armList<{ tenantId: string; displayName?: string; defaultDomain?: string; tenantCategory?: string }>(
    settings,
    '/tenants',
    '2022-12-01',
  );
  return items
    .map((t) => ({
      tenantId: t.tenantId,
      displayName: t.displayName ?? t.tenantId,
      defaultDomain: t.defaultDomain ?? '',
      category: t.tenantCategory ?? '',
    }))
    .sort((a, b) => Number(b.category === 'Home') - Number(a.category === 'Home'));
}
