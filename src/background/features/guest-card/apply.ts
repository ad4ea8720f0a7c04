import type { Settings } from '../../../common/config.ts';
import type { GuestChangeRecord } from '../../../common/guest-card.ts';
import type { GraphSession } from '../../services/graph/client.ts';
import { attestGuest } from '../guest-lifecycle/reads.ts';
import { setAccountEnabled } from './account-enabled.ts';
import { addSponsor, convertUser, deleteUser, leaveGroup, removeLicense, restoreUser } from './directory-changes.ts';
import { removeWorkspaceRole } from './guest-access.ts';
import { endActivation, removeRole } from './guest-role-removal.ts';
import { createDynamicGroup } from './partner-groups.ts';

/**
 * Carries out one change from a guest's card. `mayExist`: an earlier send may have reached the service (the worker
 * stopped, the answer was lost), so what is not safe to repeat is looked for first.
 */
export async function applyChange(
  settings: Settings,
  graph: GraphSession,
  r: GuestChangeRecord,
  mayExist: boolean,
): Promise<{ outcome: string; createdId?: string }> {
  const c = r.change;
  const client = graph.client;
  switch (c.kind) {
    case 'convert':
      return { outcome: await convertUser(client, r.guest.id, c.to) };
    case 'addSponsor':
      return { outcome: await addSponsor(client, r.guest.id, c.sponsor.id) };
    case 'leaveGroup':
      return { outcome: await leaveGroup(client, r.guest.id, c.group.id) };
    case 'removeLicense':
      return { outcome: await removeLicense(client, r.guest.id, c.license.skuId) };
    case 'deleteUser':
      return { outcome: await deleteUser(client, r.guest.id) };
    case 'restoreUser':
      return { outcome: await restoreUser(client, r.guest.id) };
    case 'attest':
      return { outcome: await attestGuest(client, r.guest.id) };
    case 'disableUser':
    case 'enableUser':
      return { outcome: await setAccountEnabled(client, r.guest.id, c.kind === 'enableUser') };
    case 'removeWorkspaceRole':
      return { outcome: await removeWorkspaceRole(settings, c.role) };
    case 'removeAzureRole': {
      const removed = await removeRole(settings, c.role, r.guest.id, r.requestName, mayExist);
      if (!c.endActivation) return { outcome: removed };
      return { outcome: `${removed}; ${await endActivation(settings, r, mayExist)}` };
    }
    case 'createGroup': {
      const made = await createDynamicGroup(client, c.group, r.requestName, mayExist);
      return { outcome: made.outcome, createdId: made.id };
    }
  }
}
