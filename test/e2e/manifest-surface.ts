import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The manifest's security surface, with the build's content hashes taken out of file names. */
export function surface(manifest: Record<string, unknown>) {
  const unhash = (value: unknown) => JSON.parse(JSON.stringify(value ?? null).replace(/-[A-Za-z0-9_-]{8}\.js/g, '-[hash].js'));
  const scripts = manifest.content_scripts as { matches: string[]; js: string[]; run_at?: string; all_frames?: boolean }[];
  return {
    minimum_chrome_version: manifest.minimum_chrome_version,
    permissions: manifest.permissions,
    optional_permissions: manifest.optional_permissions ?? null,
    host_permissions: manifest.host_permissions ?? null,
    content_scripts: unhash(scripts),
    web_accessible_resources: unhash(manifest.web_accessible_resources),
    content_security_policy: manifest.content_security_policy ?? null,
    externally_connectable: manifest.externally_connectable ?? null,
  };
}

/** The checked-in snapshot (manifest-surface.json): a change to it is a change to what the extension may do. */
export const surfaceSnapshot = () => JSON.parse(readFileSync(join(import.meta.dirname, 'manifest-surface.json'), 'utf8'));
