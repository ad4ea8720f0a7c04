import type { Settings } from '../../shared/config.ts';
import { AppError, ErrorCodes } from '../../shared/errors.ts';
import { licensePath } from '../../shared/license-path.ts';
import { own } from '../../shared/own.ts';
import type { PageContext } from '../../shared/page-context.ts';
import type { AudienceGroup, LicensePath, PowerBiPage } from '../../shared/powerbi.ts';
import { local } from '../../shared/storage.ts';
import { graphSession } from '../graph/client.ts';
import { assignLicense, setUsageLocation, subscribedSkus, usageLocation, userSkuIds } from '../graph/licenses.ts';
import { addWorkspaceViewer, getApp, getAppAudience, getWorkspace } from './workspaces.ts';

async function rememberedAudience(appId: string): Promise<AudienceGroup | undefined> {
  return own((await local.get('audienceGroups')) ?? {}, appId);
}

export async function forgetAudiences(): Promise<void> {
  await local.remove(['audienceGroups']);
}

export async function rememberAudience(appId: string, group: AudienceGroup): Promise<void> {
  const all = (await local.get('audienceGroups')) ?? {};
  all[appId] = group;
  await local.set('audienceGroups', all);
}

/** What this Power BI page is, who the app is published to, and which licence path a new guest would take. */
export async function powerBiPage(settings: Settings, context: PageContext): Promise<PowerBiPage> {
  if (context.kind === 'azure-resource') throw new AppError(ErrorCodes.badMessage, 'not a Power BI page');
  const app = context.kind === 'powerbi-app' ? await getApp(settings, context.appId) : undefined;
  const workspaceId = app?.workspaceId ?? context.workspaceId;
  if (!workspaceId) throw new AppError(ErrorCodes.notFound, 'The app does not name its workspace.');
  const graph = graphSession(settings).client;
  const [workspace, adminGroups, remembered, skus] = await Promise.all([
    getWorkspace(settings, workspaceId),
    app ? getAppAudience(settings, app.id) : Promise.resolve(null),
    app ? rememberedAudience(app.id) : Promise.resolve(undefined),
    subscribedSkus(graph),
  ]);
  const audience = adminGroups?.length
    ? { groups: adminGroups, source: 'admin' as const }
    : remembered
      ? { groups: [remembered], source: 'remembered' as const }
      : { groups: [], source: 'none' as const };
  return { app, workspace, audience, licensePath: licensePath(workspace, skus) };
}

/** The licence path this guest takes to the workspace's content, read after their grants (or a licence) were given. */
export async function guestLicensePath(settings: Settings, workspaceId: string, userId: string): Promise<LicensePath> {
  const graph = graphSession(settings).client;
  const [workspace, skus, held] = await Promise.all([
    getWorkspace(settings, workspaceId),
    subscribedSkus(graph),
    userSkuIds(graph, userId),
  ]);
  return licensePath(workspace, skus, held);
}

/** After the invitation (and the audience group): the workspace Viewer role if asked for, and the licence path. */
export async function grantWorkspaceAccess(
  settings: Settings,
  request: { workspaceId: string; userId: string; email: string; viewer: boolean },
): Promise<LicensePath> {
  if (request.viewer) await addWorkspaceViewer(settings, request.workspaceId, request.email);
  return guestLicensePath(settings, request.workspaceId, request.userId);
}

/** Assigns a licence in this tenant, setting the usage location first when the guest has none. */
export async function assignGuestLicense(
  settings: Settings,
  request: { userId: string; skuId: string; usageLocation?: string },
): Promise<void> {
  const graph = graphSession(settings).client;
  const current = await usageLocation(graph, request.userId);
  if (!current) {
    if (!request.usageLocation) throw new AppError(ErrorCodes.usageLocationRequired);
    if (!/^[A-Z]{2}$/.test(request.usageLocation)) throw new AppError(ErrorCodes.invalidUsageLocation, request.usageLocation);
    await setUsageLocation(graph, request.userId, request.usageLocation);
  }
  await assignLicense(graph, request.userId, request.skuId);
}
