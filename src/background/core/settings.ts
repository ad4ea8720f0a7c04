import { browser } from '../../common/browser.ts';
import {
  isClientId,
  isCloud,
  isTenant,
  type ManagedField,
  type Settings,
  type SettingsView,
  settingsProblem,
} from '../../common/config.ts';
import { AppError, ErrorCodes } from '../../common/errors.ts';
import { t } from '../../common/i18n.ts';
import { local } from '../../common/storage.ts';

const FIELDS: ManagedField[] = ['cloud', 'tenant', 'clientId'];

/**
 * What the organization's policy sets (chrome.storage.managed, described by public/managed-schema.json). Firefox
 * rejects the read when no policy names the add-on; that is no policy, not an error.
 */
async function policy(): Promise<Record<string, unknown>> {
  return (await browser.storage.managed.get(FIELDS).catch(() => ({}))) as Record<string, unknown>;
}

/**
 * Saved settings with the policy's values over them: a policy always wins. A policy that names a tenant or client
 * id but no cloud means Microsoft's; saved values meant for the other cloud are then not mixed in.
 */
export function withPolicy(saved: Settings, values: Record<string, unknown>): { settings: Settings; managed: ManagedField[] } {
  const managed = FIELDS.filter((f) => values[f] !== undefined && values[f] !== null);
  const pushed = Object.fromEntries(managed.map((f) => [f, String(values[f]).trim()])) as Partial<Settings>;
  const cloud = pushed.cloud ?? (managed.length > 0 ? 'microsoft' : saved.cloud);
  const base = saved.cloud === cloud ? saved : { cloud, tenant: '', clientId: '' };
  return { settings: { ...base, ...pushed, cloud } as Settings, managed };
}

/** A policy value the extension cannot use, named with the value so an administrator can find and fix it. */
function policyProblem(view: { settings: Settings; managed: ManagedField[] }): string | null {
  const { settings, managed } = view;
  if (managed.includes('cloud') && !isCloud(settings.cloud)) return t('settingsPolicyCloudBad', settings.cloud);
  if (managed.includes('tenant') && !isTenant(settings.tenant)) return t('settingsPolicyTenantBad', settings.tenant);
  if (managed.includes('clientId') && !isClientId(settings.clientId)) return t('settingsPolicyClientIdBad', settings.clientId);
  return null;
}

/** What Options saved, and what the policy sets: each read once per request. */
async function stored(): Promise<{ saved: Settings; values: Record<string, unknown> }> {
  const [saved, values] = await Promise.all([local.settings.get(), policy()]);
  return { saved, values };
}

function viewOf(saved: Settings, values: Record<string, unknown>): SettingsView {
  const merged = withPolicy(saved, values);
  return { ...merged, problem: policyProblem(merged) ?? settingsProblem(merged.settings) };
}

/** The one place settings are read: what Options saved, under what the policy sets. */
export async function settingsView(): Promise<SettingsView> {
  const { saved, values } = await stored();
  return viewOf(saved, values);
}

export async function loadSettings(): Promise<Settings> {
  return (await settingsView()).settings;
}

export async function usableSettings(): Promise<Settings> {
  const { settings, problem } = await settingsView();
  if (problem) throw new AppError(ErrorCodes.notConfigured, problem);
  return settings;
}

/**
 * Saves what Options sent. A tenant or client id the policy sets is not written over what was saved before: the
 * policy wins while it lasts, and the person's own value is back when it goes.
 */
export async function saveSettings(input: Settings): Promise<SettingsView> {
  const { saved, values } = await stored();
  const { managed } = withPolicy(saved, values);
  const next: Settings = { cloud: input.cloud, tenant: input.tenant.trim(), clientId: input.clientId.trim() };
  if (managed.includes('tenant')) next.tenant = saved.cloud === next.cloud ? saved.tenant : '';
  if (managed.includes('clientId')) next.clientId = saved.cloud === next.cloud ? saved.clientId : '';
  const view = viewOf(next, values);
  const problem = settingsProblem(view.settings);
  if (problem) throw new AppError(ErrorCodes.notConfigured, problem);
  await local.settings.set(next);
  return view;
}
