import { allRoles, type RoleDefinition } from '../arm/roles.ts';
import type { SandboxAzure, SandboxEligibility, SandboxGroup, SandboxRoleAssignment, SandboxUser } from '../store.ts';
import { slug } from './names.ts';
import type { Random } from './random.ts';
import { BIG_GUEST, PROFILE_NOW } from './users.ts';

type Subscription = SandboxAzure['subscriptions'][number];

const RESOURCE_TYPES = [
  ...['Microsoft.Storage/storageAccounts', 'Microsoft.Web/sites', 'Microsoft.KeyVault/vaults'],
  ...['Microsoft.Sql/servers', 'Microsoft.Compute/virtualMachines', 'Microsoft.DataFactory/factories'],
];
const WORKLOADS = ['billing', 'crm', 'data', 'hr', 'iot', 'portal', 'search', 'shop'];
const LOCATIONS = ['westeurope', 'northeurope', 'eastus', 'westus2', 'swedencentral'];

/** Four more subscriptions of four resource groups each, and resources, so the tenant has `scopes` scopes in all. */
function subscriptions(random: Random, seeded: Subscription[], scopes: number): Subscription[] {
  const made: Subscription[] = ['Prod', 'Dev', 'Test', 'Shared'].map((stage) => ({
    subscriptionId: random.uuid(),
    displayName: `Contoso ${stage} ${random.pick(['EU', 'US'])}`,
    resourceGroups: random.sample(WORKLOADS, 4).map((w) => ({
      name: `rg-${w}-${stage.toLowerCase()}`,
      location: random.pick(LOCATIONS),
      resources: [],
    })),
  }));
  const groups = made.flatMap((s) => s.resourceGroups);
  for (let n = scopeList([...seeded, ...made]).length, i = 0; n < scopes; n++, i++) {
    const rg = groups[i % groups.length] as (typeof groups)[number];
    const type = random.pick(RESOURCE_TYPES);
    const prefix = slug(type.split('/')[1] ?? 'res').slice(0, 3);
    rg.resources.push({ type, name: `${prefix}-${rg.name.slice(3)}-${String(i).padStart(2, '0')}` });
  }
  return [...seeded, ...made];
}

/** Every scope a role can be held at: subscriptions, resource groups, resources. */
export function scopeList(subs: Subscription[]): string[] {
  return subs.flatMap((s) => {
    const sub = `/subscriptions/${s.subscriptionId}`;
    return [
      sub,
      ...s.resourceGroups.flatMap((rg) => [
        `${sub}/resourceGroups/${rg.name}`,
        ...rg.resources.map((r) => `${sub}/resourceGroups/${rg.name}/providers/${r.type}/${r.name}`),
      ]),
    ];
  });
}

/** A few custom roles, assignable under the new subscriptions. */
function customRoles(random: Random, subs: Subscription[]): RoleDefinition[] {
  const specs = [
    [
      'Contoso Billing Reader',
      'Reads invoices and cost reports.',
      ['Microsoft.Billing/*/read', 'Microsoft.CostManagement/*/read'],
    ],
    [
      'Contoso App Deployer',
      'Deploys web apps and restarts them.',
      ['Microsoft.Web/sites/*', 'Microsoft.Resources/deployments/*'],
    ],
    ['Contoso Vault Auditor', 'Reads key vault settings, not secrets.', ['Microsoft.KeyVault/vaults/read']],
    ['Contoso Access Delegate', 'Manages access for partners.', ['Microsoft.Authorization/roleAssignments/*', '*/read']],
  ] as const;
  return specs.map(([roleName, description, actions]) => {
    const name = random.uuid();
    return {
      id: `/providers/Microsoft.Authorization/roleDefinitions/${name}`,
      name,
      type: 'Microsoft.Authorization/roleDefinitions',
      properties: {
        roleName,
        description,
        type: 'CustomRole',
        assignableScopes: subs.slice(1).map((s) => `/subscriptions/${s.subscriptionId}`),
        permissions: [{ actions: [...actions], notActions: [], dataActions: [], notDataActions: [] }],
      },
    };
  });
}

const builtIn = allRoles.filter((r) => r.properties.type === 'BuiltInRole').map((r) => r.name);

/**
 * The Azure side of the large profile: `counts.scopes` scopes, role assignments up to `counts.assignments` (users,
 * guests and groups, the big guest among them) and the big guest's `counts.eligibilities` eligibilities, at least
 * one at every scope. Roles are built-in ones, which every scope may assign.
 */
export function generateAzure(
  random: Random,
  seeded: SandboxAzure,
  users: SandboxUser[],
  groups: SandboxGroup[],
  counts: { scopes: number; assignments: number; eligibilities: number; bigGuestAssignments: number },
): SandboxAzure & { customRoles: RoleDefinition[] } {
  const subs = subscriptions(random, seeded.subscriptions, counts.scopes);
  const scopes = scopeList(subs);
  const security = groups.filter((g) => g.securityEnabled && !g.groupTypes?.includes('DynamicMembership'));
  const others = users.filter((u) => u.id !== BIG_GUEST.id);
  const held = new Set(seeded.roleAssignments.map((a) => `${a.scope}|${a.roleDefinitionId}|${a.principalId}`));
  const assignments: SandboxRoleAssignment[] = [];
  while (seeded.roleAssignments.length + assignments.length < counts.assignments) {
    const toGuest = assignments.length < counts.bigGuestAssignments;
    const toGroup = !toGuest && random.chance(0.25);
    const principalId = toGuest ? BIG_GUEST.id : toGroup ? random.pick(security).id : random.pick(others).id;
    const scope = random.pick(scopes);
    const roleDefinitionId = random.pick(builtIn);
    const key = `${scope}|${roleDefinitionId}|${principalId}`;
    if (held.has(key)) continue;
    held.add(key);
    const createdOn = random.dateBefore(PROFILE_NOW, 700);
    assignments.push({
      name: random.uuid(),
      scope,
      principalId,
      principalType: toGroup ? 'Group' : 'User',
      roleDefinitionId,
      createdOn,
    });
  }
  const eligible = new Set<string>();
  const eligibilities: SandboxEligibility[] = [];
  while (eligibilities.length < counts.eligibilities) {
    const scope = eligibilities.length < scopes.length ? (scopes[eligibilities.length] as string) : random.pick(scopes);
    const roleDefinitionId = random.pick(builtIn);
    if (eligible.has(`${scope}|${roleDefinitionId}`)) continue;
    eligible.add(`${scope}|${roleDefinitionId}`);
    const startDateTime = random.dateBefore(PROFILE_NOW, 200);
    const endDateTime = random.chance(0.3)
      ? null
      : new Date(Date.parse(startDateTime) + 365 * 86_400_000).toISOString().replace('.000Z', 'Z');
    eligibilities.push({
      name: random.uuid(),
      scope,
      principalId: BIG_GUEST.id,
      roleDefinitionId,
      startDateTime,
      endDateTime,
      requestName: random.uuid(),
    });
  }
  return {
    ...seeded,
    subscriptions: subs,
    roleAssignments: [...seeded.roleAssignments, ...assignments],
    eligibilitySchedules: [...seeded.eligibilitySchedules, ...eligibilities],
    customRoles: customRoles(random, subs),
  };
}
