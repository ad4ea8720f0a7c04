import { DEFAULT_REDIRECT_URL } from '../common/config.ts';
import type { PageInfo } from '../common/model.ts';
import type { PageData } from '../common/page-data.ts';

/**
 * Where an invitation made from this page sends the guest after accepting: the page itself, except a Power Platform
 * environment's, whose admin center a guest cannot open (issue 25). There it is the environment's Dataverse
 * instance once the environment was read, else its Power Apps home in the inviting tenant.
 */
export function guestRedirect(page: PageInfo, data: PageData | null): string {
  const ctx = page.context;
  if (ctx?.kind !== 'power-platform-environment') return page.url ?? DEFAULT_REDIRECT_URL;
  const instanceUrl = data?.kind === 'power-platform' ? data.page?.environment.instanceUrl : null;
  if (instanceUrl) return instanceUrl;
  const tenant = ctx.tenantId ? `?tenantId=${encodeURIComponent(ctx.tenantId)}` : '';
  return `https://make.powerapps.com/environments/${encodeURIComponent(ctx.environmentId)}/home${tenant}`;
}
