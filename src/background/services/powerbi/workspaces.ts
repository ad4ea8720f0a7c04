import type { Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes, hasCode } from '../../../common/errors.ts';
import type { PowerBiApp, PowerBiWorkspace } from '../../../common/powerbi.ts';
import { path } from '../url-path.ts';
import { powerBi } from './client.ts';

/** One entry of a workspace's access list (Groups - Get Group Users, GroupUser): a user by address or UPN, a group by id. */
export interface GroupUser {
  identifier?: string;
  emailAddress?: string;
  displayName?: string;
  graphId?: string;
  principalType?: string;
  groupUserAccessRight?: string;
}

interface Capacity {
  id: string;
  displayName?: string;
  sku?: string;
}

export async function getApp(settings: Settings, appId: string): Promise<PowerBiApp> {
  // Apps - Get App answers 404 both for an app that is gone and for one not shared with the caller: said as both.
  const app = await powerBi<PowerBiApp & { workspaceId?: string }>(settings, 'GET', path`/apps/${appId}`).catch((e: unknown) => {
    throw hasCode(e, ErrorCodes.notFound) ? new AppError(ErrorCodes.powerBiAppNotFound, undefined, { cause: e }) : e;
  });
  return { id: app.id, name: app.name, workspaceId: app.workspaceId };
}

/** The workspace and, when it runs on dedicated capacity, that capacity's name and SKU (Groups_GetGroup + Capacities). */
export async function getWorkspace(settings: Settings, workspaceId: string): Promise<PowerBiWorkspace> {
  const ws = await powerBi<{ id: string; name: string; isOnDedicatedCapacity?: boolean; capacityId?: string }>(
    settings,
    'GET',
    path`/groups/${workspaceId}`,
  );
  let capacity: PowerBiWorkspace['capacity'];
  if (ws.isOnDedicatedCapacity && ws.capacityId) {
    // Capacities_GetCapacities takes no $top/$skip and names no next page: its one answer is the whole list.
    const { value } = await powerBi<{ value: Capacity[] }>(settings, 'GET', '/capacities');
    const c = value.find((x) => x.id === ws.capacityId);
    capacity = { id: ws.capacityId, name: c?.displayName ?? ws.capacityId, sku: c?.sku ?? '' };
  }
  return { id: ws.id, name: ws.name, isOnDedicatedCapacity: !!ws.isOnDedicatedCapacity, capacity };
}

/**
 * The Entra groups an app is published to, through the admin API; null when the caller may not use it.
 * Apps_GetAppUsersAsAdmin takes no $top/$skip and names no next page: its one answer is the whole list.
 */
export async function getAppAudience(settings: Settings, appId: string): Promise<{ id: string; displayName: string }[] | null> {
  try {
    const { value } = await powerBi<{
      value: { principalType?: string; graphId?: string; identifier?: string; displayName?: string }[];
    }>(settings, 'GET', path`/admin/apps/${appId}/users`);
    return value
      .filter((u) => u.principalType === 'Group')
      .map((u) => ({ id: u.graphId ?? u.identifier ?? '', displayName: u.displayName ?? '' }));
  } catch (e) {
    if (e instanceof AppError && e.code === 'forbidden') return null;
    throw e;
  }
}

/** Workspace Viewer for the guest (Groups_AddGroupUser): opens the whole workspace, not just the app. */
export async function addWorkspaceViewer(settings: Settings, workspaceId: string, email: string): Promise<void> {
  await powerBi(settings, 'POST', path`/groups/${workspaceId}/users`, {
    identifier: email,
    principalType: 'User',
    groupUserAccessRight: 'Viewer',
  });
}
