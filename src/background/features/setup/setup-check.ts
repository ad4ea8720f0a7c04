import { GRAPH_ORIGIN, SCOPE_RESOURCES, type Settings } from '../../../common/config.ts';
import { AppError } from '../../../common/errors.ts';
import { grantedScopes, type ResourceGrant, type SetupReport } from '../../../common/setup.ts';
import * as auth from '../../core/auth.ts';

/**
 * Asks each resource for a token by its `.default` scope, which Entra answers with every permission consented for
 * this app on that resource (learn: entra/identity-platform/scopes-oidc#the-default-scope), so the token's scopes
 * are what the registration grants, neither more nor less than an admin consented.
 */
async function grantOf(settings: Settings, resource: string): Promise<ResourceGrant> {
  try {
    const { scopes } = await auth.resourceToken(settings, resource, true);
    return { resource, granted: grantedScopes(resource, scopes), problem: null };
  } catch (e) {
    const problem = e instanceof AppError ? [e.message, e.detail].filter(Boolean).join(' ') : String(e);
    return { resource, granted: [], problem };
  }
}

/**
 * Check my setup: signs in when no one is (the popup's own sign-in, asking for Graph's `.default` so it asks for
 * nothing the registration lacks), then reads what each resource grants.
 */
export async function checkSetup(settings: Settings): Promise<SetupReport> {
  const account =
    (await auth.currentAccount(settings)) ??
    (await auth.signInWith(settings, { scopes: [`${GRAPH_ORIGIN}/.default`], extraScopes: [] }));
  const resources = await Promise.all(SCOPE_RESOURCES.map((r) => grantOf(settings, r)));
  return { username: account.username, resources };
}
