import type { Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import { t } from '../../../common/i18n.ts';
import type { SignedInAccount } from '../../../common/model.ts';
import type { PageContext } from '../../../common/page-context.ts';
import type { AudienceGroup, LicensePath, LicenseSku, PowerBiPage, PowerBiWorkspace } from '../../../common/powerbi.ts';
import { local } from '../../../common/storage.ts';
import { isUsageLocation } from '../../../logic/inputs.ts';
import { own } from '../../../logic/own.ts';
import { graphSession } from '../../services/graph/client.ts';
import { assignLicense, setUsageLocation, subscribedSkus, usageLocation, userSkuIds } from '../../services/graph/licenses.ts';
import { tenantCountry } from '../../services/graph/organization.ts';
import { appAudiences } from '../../services/powerbi/audience-cache.ts';
import { addWorkspaceViewer, getApp, getWorkspace } from '../../services/powerbi/workspaces.ts';
import { licensePath } from './license-path.ts';

async function rememberedAudience(appId: string): Promise<AudienceGroup | undefined> {
  return own(await local.audienceGroups.get(), appId);
}

export async function forgetAudiences(): Promise<void> {
  await local.audienceGroups.remove();
}

export async function rememberAudience(appId: string, group: AudienceGroup): Promise<void> {
  const all = await local.audienceGroups.get();
  all[appId] = group;
  await local.audienceGroups.set(all);
}

/** What this Power BI page is, who the app is published to, and which licence path a new guest would take. */
export async function powerBiPage(settings: Settings, account: SignedInAccount, context: PageContext): Promise<PowerBiPage> {
  if (context.kind !== 'powerbi-app' && context.kind !== 'powerbi-workspace') {
    throw new AppError(ErrorCodes.badMessage, 'not a Power BI page');
  }
  const app = context.kind === 'powerbi-app' ? await getApp(settings, context.appId) : undefined;
  const workspaceId = app?.workspaceId ?? context.workspaceId;
  if (!workspaceId) throw new AppError(ErrorCodes.notFound, t('pbiNoWorkspace'));
  const [[workspace, skus], adminGroups, remembered, country] = await Promise.all([
    readLicensing(settings, workspaceId, true),
    // Kept an hour, as the guest card keeps it: Power BI's admin reads allow 200 an hour (background/services/powerbi/audience-cache.ts).
    app ? appAudiences(settings, account, [app.id]).then((r) => r.byApp.get(app.id) ?? null) : Promise.resolve(null),
    app ? rememberedAudience(app.id) : Promise.resolve(undefined),
    // Only proposes a usage location: a tenant whose country cannot be read leaves the choice to the person.
    tenantCountry(graphSession(settings).client).catch(() => null),
  ]);
  const audience = adminGroups?.length
    ? { groups: adminGroups, source: 'admin' as const }
    : remembered
      ? { groups: [remembered], source: 'remembered' as const }
      : { groups: [], source: 'none' as const };
  return { app, workspace, audience, licensePath: licensePath(workspace, skus), tenantCountry: country };
}

/** How long the workspace and the tenant's licences read for a page are reused for the invitation made from it. */
const LICENSING_FRESH_MS = 5 * 60_000;
const licensing = new Map<string, { at: number; read: Promise<[PowerBiWorkspace, LicenseSku[]]> }>();

/**
 * The workspace (its capacity) and the tenant's licences: read when the page is shown, and reused for the licence
 * path of a guest invited from it minutes later rather than read again. Read afresh after a licence is assigned.
 */
function readLicensing(settings: Settings, workspaceId: string, fresh: boolean): Promise<[PowerBiWorkspace, LicenseSku[]]> {
  const kept = licensing.get(workspaceId);
  if (kept && !fresh && Date.now() - kept.at < LICENSING_FRESH_MS) return kept.read;
  const read = Promise.all([getWorkspace(settings, workspaceId), subscribedSkus(graphSession(settings).client)]);
  licensing.set(workspaceId, { at: Date.now(), read });
  read.catch(() => licensing.delete(workspaceId));
  return read;
}

/**
 * The licence path this guest takes to the workspace's content, after their grants (or a licence) were given. A
 * guest the invitation just created holds no licence in this tenant: theirs are not read.
 */
export async function guestLicensePath(
  settings: Settings,
  workspaceId: string,
  guest: { id: string; isNew: boolean },
  fresh = false,
): Promise<LicensePath> {
  const [[workspace, skus], held] = await Promise.all([
    readLicensing(settings, workspaceId, fresh),
    guest.isNew ? Promise.resolve([]) : userSkuIds(graphSession(settings).client, guest.id),
  ]);
  return licensePath(workspace, skus, held);
}

/** After the invitation (and the audience group): the workspace Viewer role if asked for, and the licence path. */
export async function grantWorkspaceAccess(
  settings: Settings,
  request: { workspaceId: string; guest: { id: string; email: string; isNew: boolean }; viewer: boolean },
): Promise<LicensePath> {
  if (request.viewer) await addWorkspaceViewer(settings, request.workspaceId, request.guest.email);
  return guestLicensePath(settings, request.workspaceId, request.guest);
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
    if (!isUsageLocation(request.usageLocation)) throw new AppError(ErrorCodes.invalidUsageLocation, request.usageLocation);
    await setUsageLocation(graph, request.userId, request.usageLocation);
  }
  await assignLicense(graph, request.userId, request.skuId);
}
