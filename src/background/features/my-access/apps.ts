import type { Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import type { MyApp } from '../../../common/my-access.ts';
import type { PowerBiWorkspace } from '../../../common/powerbi.ts';
import { powerBiList } from '../../services/powerbi/client.ts';
import { myLicensePath } from '../invite/license-path.ts';

/** Apps asked of Power BI a page at a time (`$top`), read to the end. */
const APPS_PAGE = 100;

import { getWorkspace } from '../../services/powerbi/workspaces.ts';

interface InstalledApp {
  id: string;
  name?: string;
  description?: string;
  workspaceId?: string;
}

/** The workspace as I may read it: a workspace role lets me, an app audience alone does not (null). */
async function readableWorkspace(settings: Settings, workspaceId: string | undefined): Promise<PowerBiWorkspace | null> {
  if (!workspaceId) return null;
  try {
    return await getWorkspace(settings, workspaceId);
  } catch (e) {
    if (e instanceof AppError && (e.code === ErrorCodes.notFound || e.code === ErrorCodes.forbidden)) return null;
    throw e;
  }
}

/**
 * The Power BI apps I can open here (Apps_GetApps as me), each with the workspace as I may read it; the licence
 * path follows from it and my licences (`withPaths`), read meanwhile.
 */
export async function myApps(settings: Settings): Promise<{ app: InstalledApp; workspace: PowerBiWorkspace | null }[]> {
  const { items: value } = await powerBiList<InstalledApp>(settings, '/apps', APPS_PAGE);
  const workspaces = new Map<string, Promise<PowerBiWorkspace | null>>();
  return Promise.all(
    value.map(async (app) => {
      const id = app.workspaceId ?? '';
      if (!workspaces.has(id)) workspaces.set(id, readableWorkspace(settings, app.workspaceId));
      return { app, workspace: (await workspaces.get(id)) ?? null };
    }),
  );
}

export function withPaths(apps: Awaited<ReturnType<typeof myApps>>, mySkuIds: string[]): MyApp[] {
  return apps.map(({ app, workspace }) => ({
    id: app.id,
    name: app.name ?? app.id,
    description: app.description ?? '',
    workspaceId: app.workspaceId ?? null,
    licensePath: myLicensePath(workspace, mySkuIds),
  }));
}
