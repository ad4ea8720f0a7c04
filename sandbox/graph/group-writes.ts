import { randomUUID } from 'node:crypto';
import type { ApiResponse } from '../api.ts';
import { recordAudit } from '../audit.ts';
import type { SandboxGroup, SandboxTenant, SandboxUser } from '../store.ts';
import { compileRule, RuleError } from './dynamic-rules.ts';
import { badRequest } from './errors.ts';
import { currentMembers, groupResource, groupTarget, isDynamic } from './groups.ts';

interface GroupBody {
  displayName?: unknown;
  description?: unknown;
  mailEnabled?: unknown;
  mailNickname?: unknown;
  securityEnabled?: unknown;
  groupTypes?: unknown;
  membershipRule?: unknown;
  membershipRuleProcessingState?: unknown;
}

/** ASCII 0-127 except `@ ( ) / [ ] ' ; : < > , SPACE`, at most 64 characters (group resource, mailNickname). */
const NICKNAME = /^[\x21-\x7e]{1,64}$/;
const NICKNAME_FORBIDDEN = /[@()/[\]';:<>,]/;
const STATES = ['On', 'Paused'];

/** Graph's wording for a property it cannot take (seen in Graph answers; not on a Learn page). */
const invalid = (p: string) => badRequest(`Invalid value specified for property '${p}' of resource 'Group'.`);
const required = (p: string) => badRequest(`A value is required for property '${p}' of resource 'Group'.`);

/** A rule that does not parse is refused with Entra's validation message (portal wording; Graph's code unverified). */
function ruleProblem(rule: unknown): ApiResponse | null {
  if (typeof rule !== 'string' || !rule.trim()) return invalid('membershipRule');
  try {
    compileRule(rule);
    return null;
  } catch (e) {
    if (e instanceof RuleError) return badRequest(e.message);
    throw e;
  }
}

/**
 * `POST /groups` for security groups, assigned or dynamic (learn: group-post-groups; dynamic: groupTypes
 * `DynamicMembership` with membershipRule and membershipRuleProcessingState). displayName, mailEnabled,
 * mailNickname and securityEnabled are required. Microsoft 365 and mail-enabled groups are not emulated.
 */
export function createGroup(tenant: SandboxTenant, by: SandboxUser, input: GroupBody): ApiResponse {
  for (const p of ['displayName', 'mailEnabled', 'mailNickname', 'securityEnabled'] as const) {
    if (input[p] === undefined || input[p] === null || input[p] === '') return required(p);
  }
  if (typeof input.displayName !== 'string' || input.displayName.length > 256) return invalid('displayName');
  const nick = input.mailNickname;
  if (typeof nick !== 'string' || !NICKNAME.test(nick) || NICKNAME_FORBIDDEN.test(nick)) return invalid('mailNickname');
  const types = input.groupTypes ?? [];
  if (!Array.isArray(types) || types.some((t) => t !== 'DynamicMembership')) {
    return badRequest('The sandbox creates security groups only: groupTypes may hold DynamicMembership alone.');
  }
  if (input.mailEnabled !== false || input.securityEnabled !== true) {
    return badRequest('The sandbox creates security groups only: mailEnabled false, securityEnabled true.');
  }
  const dynamic = types.includes('DynamicMembership');
  // Unsure what Graph says of a rule on an assigned group; the sandbox refuses it rather than ignore it.
  if (!dynamic && input.membershipRule !== undefined) return invalid('membershipRule');
  const state = input.membershipRuleProcessingState ?? (dynamic ? 'On' : undefined);
  if (state !== undefined && (!dynamic || !STATES.includes(state as string))) return invalid('membershipRuleProcessingState');
  const problem = dynamic ? ruleProblem(input.membershipRule) : null;
  if (problem) return problem;
  const group: SandboxGroup = {
    id: randomUUID(),
    displayName: input.displayName,
    description: typeof input.description === 'string' ? input.description : null,
    mailNickname: nick,
    mailEnabled: false,
    securityEnabled: true,
    groupTypes: types as string[],
    membershipRule: dynamic ? (input.membershipRule as string) : null,
    membershipRuleProcessingState: dynamic ? (state as 'On' | 'Paused') : null,
    createdDateTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    members: [],
    // A delegated caller who names no owner becomes one (as Graph does for Microsoft 365 groups; unverified here).
    owners: [by.id],
  };
  tenant.groups.push(group);
  currentMembers(tenant, group);
  recordAudit(tenant, by, {
    category: 'GroupManagement',
    activityDisplayName: 'Add group',
    loggedByService: 'Core Directory',
    operationType: 'Add',
    targetResources: [groupTarget(group)],
  });
  return {
    status: 201,
    headers: { location: `https://graph.microsoft.com/v1.0/groups/${group.id}` },
    body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#groups/$entity', ...groupResource(group) },
  };
}

const UPDATABLE = ['displayName', 'description', 'membershipRule', 'membershipRuleProcessingState'] as const;

/** `PATCH /groups/{id}` (learn: group-update): 204; the sandbox changes the properties above only. */
export function updateGroup(tenant: SandboxTenant, by: SandboxUser, group: SandboxGroup, input: GroupBody): ApiResponse {
  const keys = Object.keys(input);
  if (keys.some((k) => !(UPDATABLE as readonly string[]).includes(k))) {
    return badRequest(`The sandbox can change ${UPDATABLE.join(', ')} only.`);
  }
  if ('displayName' in input && (typeof input.displayName !== 'string' || !input.displayName)) return invalid('displayName');
  if ('description' in input && input.description !== null && typeof input.description !== 'string') {
    return invalid('description');
  }
  if (('membershipRule' in input || 'membershipRuleProcessingState' in input) && !isDynamic(group)) {
    return invalid('membershipRule' in input ? 'membershipRule' : 'membershipRuleProcessingState');
  }
  const state = input.membershipRuleProcessingState;
  if ('membershipRuleProcessingState' in input && !STATES.includes(state as string)) {
    return invalid('membershipRuleProcessingState');
  }
  const problem = 'membershipRule' in input ? ruleProblem(input.membershipRule) : null;
  if (problem) return problem;
  // A group about to pause keeps the members its rule gave it until now.
  currentMembers(tenant, group);
  const before = groupResource(group);
  if (typeof input.displayName === 'string') group.displayName = input.displayName;
  if ('description' in input) group.description = (input.description as string | null) ?? null;
  if (typeof input.membershipRule === 'string') group.membershipRule = input.membershipRule;
  if (state === 'On' || state === 'Paused') group.membershipRuleProcessingState = state;
  currentMembers(tenant, group);
  const after = groupResource(group);
  const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  recordAudit(tenant, by, {
    category: 'GroupManagement',
    activityDisplayName: 'Update group',
    loggedByService: 'Core Directory',
    operationType: 'Update',
    targetResources: [
      {
        ...groupTarget(group),
        modifiedProperties: changed.map((k) => ({
          displayName: k,
          oldValue: JSON.stringify([before[k]]),
          newValue: JSON.stringify([after[k]]),
        })),
      },
    ],
  });
  return { status: 204 };
}
