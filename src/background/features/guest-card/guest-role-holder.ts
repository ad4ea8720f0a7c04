import type { Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes, hasCode } from '../../../common/errors.ts';
import type { CardAzureRole } from '../../../common/guest-card.ts';
import { t } from '../../../common/i18n.ts';
import { parseArmId, scopePath } from '../../../logic/arm-id.ts';
import { armGet, armList } from '../../services/arm/client.ts';
import { path } from '../../services/url-path.ts';
import { assignmentOf } from './change-problem.ts';

/**
 * Whether a role on a guest's card is theirs to take back, read again from ARM just before and just after: the card's
 * copy is only what was shown. A role the guest has through a group (`memberType` Group) or from a scope above
 * (Inherited) is the group's or that scope's; removing it from one guest's card would take it from everyone else too.
 */

export const AUTH = '/providers/Microsoft.Authorization';
export const PIM = '2020-10-01';

interface Held {
  properties: {
    scope: string;
    roleDefinitionId: string;
    principalId?: string;
    memberType?: string;
    originRoleAssignmentId?: string;
  };
}

const guidOf = (id: string | undefined) => id?.split('/').pop()?.toLowerCase();
const same = (a: string | undefined, b: string | undefined) => !!a && a.toLowerCase() === b?.toLowerCase();

/** The guest's own: ARM lists it as theirs, directly (never through a group, never from a scope above). */
export const isOwn = (i: Held, principalId: string) =>
  i.properties.memberType === 'Direct' && same(i.properties.principalId, principalId);

/** This role's instances at exactly its scope that ARM lists for the guest (for a plain assignment: that assignment's). */
async function instancesOf(settings: Settings, role: CardAzureRole, principalId: string): Promise<Held[]> {
  const kind = role.removal === 'eligibility' ? 'roleEligibilityScheduleInstances' : 'roleAssignmentScheduleInstances';
  const filter = `$filter=${encodeURIComponent(`principalId eq '${principalId}'`)}`;
  const { items } = await armList<Held>(settings, `${scopePath(role.scope)}${AUTH}/${kind}?${filter}`, PIM);
  return items.filter(
    (i) =>
      same(parseArmId(i.properties.scope)?.scope, role.scope) &&
      guidOf(i.properties.roleDefinitionId) === guidOf(role.roleDefinitionId) &&
      (role.removal !== 'assignment' || same(i.properties.originRoleAssignmentId, role.assignmentId)),
  );
}

/** The plain assignment's own path, rebuilt from its scope and GUID name so that only a scope of the grammar is used. */
export function assignmentPath(assignmentId: string, scope: string): string {
  const name = assignmentOf(scope, assignmentId);
  if (!name) throw new AppError(ErrorCodes.badMessage, 'the assignment is not of its scope');
  return `${scopePath(scope)}${AUTH}${path`/roleAssignments/${name}`}`;
}

/** The plain assignment as ARM has it now, or null when there is none. */
async function assignmentNow(settings: Settings, role: CardAzureRole): Promise<{ principalId?: string } | null> {
  if (role.removal !== 'assignment' || !role.assignmentId) return null;
  const read = await armGet<{ properties?: { principalId?: string } }>(
    settings,
    assignmentPath(role.assignmentId, role.scope),
    '2022-04-01',
  ).catch((e: unknown) => {
    if (hasCode(e, ErrorCodes.notFound)) return null;
    throw e;
  });
  return read ? (read.properties ?? {}) : null;
}

/**
 * Before a removal: true when the guest holds the role themselves, false when they hold it no longer; refused when
 * ARM lists it only through a group or from above, or the assignment is another principal's.
 */
export async function holdsOwn(settings: Settings, role: CardAzureRole, principalId: string): Promise<boolean> {
  const held = await instancesOf(settings, role, principalId);
  const assignment = await assignmentNow(settings, role);
  const notTheirs =
    (assignment && !same(assignment.principalId, principalId)) || (held.length && !held.some((i) => isOwn(i, principalId)));
  if (notTheirs) {
    const how = held.find((i) => !isOwn(i, principalId))?.properties.memberType ?? t('azureNoStatus');
    throw new AppError(ErrorCodes.policyRefused, t('guestRoleNotOwn', role.roleName, how));
  }
  return held.length > 0 || assignment !== null;
}

/** After a removal ARM accepted: refused in plain words when ARM still lists the guest's own role there. */
export async function confirmGone(settings: Settings, role: CardAzureRole, principalId: string): Promise<void> {
  const held = await instancesOf(settings, role, principalId);
  const assignment = await assignmentNow(settings, role);
  if (assignment || held.some((i) => isOwn(i, principalId)))
    throw new AppError(ErrorCodes.policyRefused, t('guestRoleStillThere', role.roleName, role.scopeWords));
}
