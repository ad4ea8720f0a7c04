import type { Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes, hasCode } from '../../../common/errors.ts';
import type { CardAzureRole, GuestChangeRecord } from '../../../common/guest-card.ts';
import { t } from '../../../common/i18n.ts';
import { scopePath } from '../../../logic/arm-id.ts';
import { arm, armGet } from '../../services/arm/client.ts';
import { path } from '../../services/url-path.ts';
import { AUTH, assignmentPath, confirmGone, holdsOwn, PIM } from './guest-role-holder.ts';

/**
 * Takes one role back, once ARM, read again, lists it as the guest's own (guest-role-holder.ts), and says "removed" only
 * once ARM, read again, no longer lists it. A plain assignment is deleted (ARM answers 204 when there is none, so a
 * repeat is harmless); a scheduled one goes by an `AdminRemove` request under a name chosen once: when the last send
 * may have reached ARM, the request is looked up by that name first and never sent twice. Returns what happened.
 */
export async function removeRole(
  settings: Settings,
  role: CardAzureRole,
  principalId: string,
  requestName: string,
  mayExist: boolean,
): Promise<string> {
  const kind = role.removal === 'eligibility' ? 'roleEligibilityScheduleRequests' : 'roleAssignmentScheduleRequests';
  const at = `${scopePath(role.scope)}${AUTH}/${kind}${path`/${requestName}`}`;
  if (mayExist && role.removal !== 'assignment') {
    const sent = await armGet<{ properties?: { status?: string } }>(settings, at, PIM).catch((e: unknown) => {
      if (hasCode(e, ErrorCodes.notFound)) return null;
      throw e;
    });
    if (sent) return confirmed(settings, role, principalId, removedOrRefused(sent.properties?.status));
  }
  if (!(await holdsOwn(settings, role, principalId)))
    return role.removal === 'assignment' ? 'was no longer assigned' : 'was no longer there';
  if (role.removal === 'assignment' && role.assignmentId) {
    const gone = await arm<unknown>(settings, 'DELETE', assignmentPath(role.assignmentId, role.scope), '2022-04-01');
    return confirmed(settings, role, principalId, gone ? 'removed' : 'was no longer assigned');
  }
  try {
    const made = await arm<{ properties?: { status?: string } }>(settings, 'PUT', at, PIM, {
      properties: { principalId, roleDefinitionId: role.roleDefinitionId, requestType: 'AdminRemove' },
    });
    return confirmed(settings, role, principalId, removedOrRefused(made?.properties?.status ?? 'Revoked'));
  } catch (e) {
    // Nothing to remove: someone took it back meanwhile, which is what was asked.
    if (hasCode(e, ErrorCodes.notFound)) return 'was no longer there';
    throw e;
  }
}

/**
 * Ends an eligibility's running activation, after the eligibility itself is gone: the active assignment PIM made from
 * it is taken back by its own AdminRemove (roleAssignmentScheduleRequests, at the activation's scope), under a second
 * name chosen with the change, so that it too is looked up, never sent twice.
 */
export async function endActivation(settings: Settings, r: GuestChangeRecord, mayExist: boolean): Promise<string> {
  const c = r.change;
  if (c.kind !== 'removeAzureRole' || !c.role.activation || !r.activationRequestName)
    throw new AppError(ErrorCodes.badMessage, 'the change names no activation to end');
  const { scope, end } = c.role.activation;
  const activation: CardAzureRole = {
    removal: 'scheduledAssignment',
    roleDefinitionId: c.role.roleDefinitionId,
    roleName: c.role.roleName,
    scope,
    scopeWords: c.role.scopeWords,
    end,
  };
  const outcome = await removeRole(settings, activation, r.guest.id, r.activationRequestName, mayExist);
  return `activation ${outcome}`;
}

/** The outcome, once ARM no longer lists the role as the guest's. */
async function confirmed(settings: Settings, role: CardAzureRole, principalId: string, outcome: string): Promise<string> {
  await confirmGone(settings, role, principalId);
  return outcome;
}

/** Statuses of a removal request that took the role away (or will, at once). */
const REMOVED = ['Revoked', 'Provisioned', 'Accepted', 'AdminApproved', 'Granted'];

/** A removal request ARM kept under this change's name: done when it removed the role, else refused with its status. */
function removedOrRefused(status: string | undefined): string {
  if (status && REMOVED.includes(status)) return `removed (${status})`;
  throw new AppError(ErrorCodes.policyRefused, t('azureRemovalAnswered', status ?? t('azureNoStatus')));
}
