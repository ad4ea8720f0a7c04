import type { Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import { t } from '../../../common/i18n.ts';
import type { PowerPlatformGrantRequest } from '../../../common/power-platform-schema.ts';
import { environmentUrl } from '../../../logic/power-platform.ts';
import { powerPlatformPage } from '../invite/powerplatform-environment.ts';

/**
 * The environment a bulk file's rows enter (issue 12): what each row's grant needs, and its security roles by
 * name. A role that asks for a confirmation one guest at a time (System Administrator) is refused in bulk.
 */
export async function bulkEnvironment(
  settings: Settings,
  environmentId: string,
): Promise<{
  grant: PowerPlatformGrantRequest;
  roles: Map<string, { id: string; name: string } | { refused: string }>;
  licenses: Map<string, { skuId: string; name: string }>;
}> {
  const page = await powerPlatformPage(settings, { kind: 'power-platform-environment', environmentId, source: 'admin' });
  const env = page.environment;
  // Every row with a role would otherwise be refused for a role "not in this environment": say what went wrong.
  if (env.instanceUrl && page.roles.length === 0)
    throw new AppError(ErrorCodes.badRequest, page.problems.join(' ') || t('ppRolesUnread'));
  if (!env.asAdmin) throw new AppError(ErrorCodes.forbidden, t('ppAdminNeeded'));
  const roles = new Map<string, { id: string; name: string } | { refused: string }>(
    page.roles.map((r) => [
      r.name.toLowerCase(),
      r.confirm ? { refused: t('ppBulkRoleRefused', r.name) } : { id: r.id, name: r.name },
    ]),
  );
  const grant: PowerPlatformGrantRequest = {
    environmentId: env.id,
    environmentName: env.displayName,
    url: environmentUrl(env),
    ...(env.instanceUrl ? { instanceUrl: env.instanceUrl } : {}),
    ...(page.securityGroup ? { securityGroup: page.securityGroup } : {}),
  };
  // A licence is named by its display name, its part number or its SKU id.
  const licenses = new Map<string, { skuId: string; name: string }>();
  for (const l of page.licenses) {
    const sku = { skuId: l.skuId, name: l.name };
    for (const key of [l.name, l.skuId, l.partNumber]) if (key) licenses.set(key.toLowerCase(), sku);
  }
  return { grant, roles, licenses };
}
