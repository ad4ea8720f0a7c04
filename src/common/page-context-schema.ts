import { isArmScope, MAX_SCOPE_LENGTH, parseArmId } from '../logic/arm-id.ts';
import { defaultEnvironmentTenant, isEnvironmentId } from '../logic/environment-id.ts';
import { isOwnGuid } from '../logic/guid.ts';
import { type Infer, literal, object, optional, refine, string, variants } from './schema.ts';

/**
 * What the page in a tab is about, as far as inviting goes: made by the detector (src/background/features/page/detect.ts), handed back
 * by the popup, and taken by the background only with the kinds it knows and well-formed ids.
 */

const optGuid = optional(isOwnGuid);
const item = { itemType: optional(literal('report', 'dashboard')), itemId: optGuid };

/** Exactly what the detector makes of a scope: its parts are read from the scope, never trusted beside it. */
const azureResource = refine(
  object({
    scope: isArmScope,
    subscriptionId: string(MAX_SCOPE_LENGTH),
    resourceGroup: optional(string(MAX_SCOPE_LENGTH)),
    tenant: optional(string(256)),
  }),
  (c) => {
    const id = parseArmId(c.scope);
    return !!id && c.subscriptionId === id.subscriptionId && c.resourceGroup === id.resourceGroup;
  },
);

/**
 * Exactly what the detector makes of a Power Platform page: its keys and no others, the id in its one spelling, and
 * for a default environment the tenant its id names (never another one beside it).
 */
const environment = refine(
  object(
    {
      kind: literal('power-platform-environment'),
      /** A lower-case GUID, or `Default-{tenant GUID}` (src/logic/environment-id.ts). */
      environmentId: isEnvironmentId,
      /** The Power Platform admin center or a maker portal (Power Apps, Power Automate). */
      source: literal('admin', 'maker'),
      tenantId: optGuid,
    },
    { exact: true },
  ),
  (c) => {
    const own = defaultEnvironmentTenant(c.environmentId);
    return own === undefined || c.tenantId === own;
  },
);

export const pageContext = variants('kind', {
  'powerbi-app': object({ appId: isOwnGuid, workspaceId: optGuid, ...item, tenantId: optGuid }),
  'powerbi-workspace': object({ workspaceId: isOwnGuid, ...item, tenantId: optGuid }),
  'azure-resource': azureResource,
  'power-platform-environment': environment,
});
export type PageContext = Infer<typeof pageContext>;
