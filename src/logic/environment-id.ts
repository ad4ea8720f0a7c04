import { isGuid } from './guid.ts';

/**
 * Power Platform environment ids, as the environment API names them: a GUID, or `Default-{tenant id}` for the
 * tenant's default environment (issue 12; the API's own `name`, e.g. `Default-e1dd4023-...` in the
 * CLI for Microsoft 365's `pp environment list` output). One spelling everywhere: the GUID in lower case and the
 * prefix as Microsoft writes it, so the id shown is the id the background will ask the API about.
 */
const DEFAULT_PREFIX = 'Default-';

/** The canonical id for `raw` (exactly an id, nothing around it), or null when it is not one. */
export function canonicalEnvironmentId(raw: string): string | null {
  const prefix = raw.slice(0, DEFAULT_PREFIX.length);
  const tenant = raw.slice(DEFAULT_PREFIX.length);
  // Maker links are seen with `default-` too; the API's name, and so ours, is `Default-`.
  if (prefix.toLowerCase() === DEFAULT_PREFIX.toLowerCase() && isGuid(tenant)) {
    return `${DEFAULT_PREFIX}${tenant.toLowerCase()}`;
  }
  return isGuid(raw) ? raw.toLowerCase() : null;
}

/** An environment id exactly as the extension writes it: what the background accepts. */
export function isEnvironmentId(value: unknown): value is string {
  return typeof value === 'string' && canonicalEnvironmentId(value) === value;
}

/** The tenant a default environment belongs to, read from its id; undefined for any other environment. */
export function defaultEnvironmentTenant(environmentId: string): string | undefined {
  return environmentId.startsWith(DEFAULT_PREFIX) ? environmentId.slice(DEFAULT_PREFIX.length) : undefined;
}
