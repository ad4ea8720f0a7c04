/**
 * `<resource>/.default`: Entra's "every permission this app has been granted on that resource" (learn:
 * entra/identity-platform/scopes-oidc#the-default-scope). oidc-provider knows no such scope and would refuse it
 * (invalid_scope), so the sandbox spells it out, before the provider sees the request, as the app's consented
 * scopes of that resource. A resource whose identifier ends in `/` is written `https://service.powerapps.com//.default`
 * as well as with one slash; both name the same resource here.
 */
import { resourceOf } from './login-helpers.ts';
import type { SandboxTenant } from './store.ts';

const DEFAULT = '/.default';
const bare = (resource: string) => resource.replace(/\/+$/, '');

/** The scope parameter with every `.default` replaced by the consented scopes of its resource (kept when none). */
export function expandDefaultScopes(scope: string, consented: string[]): string {
  const out = new Set<string>();
  for (const s of scope.split(' ').filter(Boolean)) {
    if (!s.endsWith(DEFAULT)) {
      out.add(s);
      continue;
    }
    const resource = bare(s.slice(0, -DEFAULT.length));
    const granted = consented.filter((c) => bare(resourceOf(c) ?? '') === resource);
    // Nothing consented on that resource: left as asked, and the provider refuses it as before.
    for (const g of granted.length ? granted : [s]) out.add(g);
  }
  return [...out].join(' ');
}

const consentedOf = (tenant: SandboxTenant, clientId: string | null) =>
  tenant.applications.find((a) => a.appId === clientId)?.consentedScopes ?? [];

/** An authorization request's query, rewritten in place. */
export function expandInQuery(tenant: SandboxTenant, query: URLSearchParams): void {
  const scope = query.get('scope');
  if (scope?.includes(DEFAULT)) query.set('scope', expandDefaultScopes(scope, consentedOf(tenant, query.get('client_id'))));
}

/** A token request's form, rewritten in place. */
export function expandInTokenForm(tenant: SandboxTenant, form: URLSearchParams): void {
  const scope = form.get('scope');
  if (scope?.includes(DEFAULT)) form.set('scope', expandDefaultScopes(scope, consentedOf(tenant, form.get('client_id'))));
}
