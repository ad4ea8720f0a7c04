import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** One sentence for the store listing, and the permissions and hosts it justifies. */
export interface Justification {
  for: string[];
  why: string;
}

export const JUSTIFICATIONS_FILE = resolve(import.meta.dirname, '..', 'store', 'permissions.json');

export function justifications(file = JUSTIFICATIONS_FILE): Justification[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { justifications: Justification[] }).justifications;
}

/**
 * Every permission and host a manifest asks for, as a store reviews them: permissions, host permissions (optional
 * ones too), and the pages content scripts run on.
 */
export function requested(manifest: Record<string, unknown>): string[] {
  const list = (key: string) => (manifest[key] as string[] | undefined) ?? [];
  const scripts = (manifest.content_scripts as { matches?: string[] }[] | undefined) ?? [];
  const all = [
    ...list('permissions'),
    ...list('optional_permissions'),
    ...list('host_permissions'),
    ...list('optional_host_permissions'),
    ...scripts.flatMap((s) => s.matches ?? []),
  ];
  return [...new Set(all)];
}

/**
 * One line per permission and host the manifests ask for, with its sentence, in the order the file gives them.
 * Throws on one without a sentence, so nothing new reaches a store unexplained.
 */
export function permissionLines(manifests: Record<string, unknown>[], file = JUSTIFICATIONS_FILE): string[] {
  const asked = new Set(manifests.flatMap(requested));
  const known = justifications(file);
  const missing = [...asked].filter((p) => !known.some((j) => j.for.includes(p)));
  if (missing.length) throw new Error(`No justification in store/permissions.json for: ${missing.join(', ')}`);
  return known.flatMap((j) => j.for.filter((p) => asked.has(p)).map((p) => `${p}: ${j.why}`));
}
