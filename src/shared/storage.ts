import type { ActivityEntry } from './activity.ts';
import { browser } from './browser.ts';
import type { JobMeta, JobRow } from './bulk/job.ts';
import type { Settings } from './config.ts';
import type { GuestChangeRecord } from './guest-card.ts';
import type { InviteDraft } from './model.ts';
import type { Activation } from './my-access.ts';
import type { Operation } from './operation.ts';
import type { PageContext } from './page-context.ts';
import type { AudienceGroup } from './powerbi.ts';

/** Every storage key, declared once. `local` is durable; `session` is memory-only and gone with the browser. */
export interface LocalKeys {
  settings: Settings;
  /** The Entra group each Power BI app is published to, as the publisher chose it (app id -> group). */
  audienceGroups: Record<string, AudienceGroup>;
  /** The bulk invitation job (one at a time), and its rows in chunks so a step rewrites only what changed. */
  bulkJob: JobMeta;
  [chunk: `bulkRows.${number}`]: JobRow[];
  /** Single invitations run by the background, running and recently finished (src/background/features/invite/operations.ts). */
  operations: Operation[];
  /** Activations and early ends of the signed-in person's own Azure roles (src/background/features/my-access/activations.ts). */
  activations: Activation[];
  /** Changes made from a guest's card: conversions, sponsors, access taken back, deletions (background/features/guest-card/changes.ts). */
  guestChanges: GuestChangeRecord[];
  /** What this browser has done, oldest first, bounded (src/background/activity.ts). */
  activity: ActivityEntry[];
}

interface SessionKeys {
  /** MSAL's cache-encryption cookie, held here because Chrome drops Secure cookies on extension pages. */
  msalCookie: string;
  pageContexts: Record<string, { context: PageContext | null; url: string; at: number }>;
  lastPageTabId: number;
  /**
   * The invitation being typed, kept while the popup closes (e.g. when the sign-in window opens): the account's and
   * the page's it was typed for, offered to no other (issue 21).
   */
  inviteDraft: { accountId: string; page: string; draft: InviteDraft };
  /** Set by sign-out: the next sign-in asks which account to use instead of reusing the login session. */
  signedOut: boolean;
  /**
   * Power BI's admin view of each app's audience ("tenant|account|app" -> when read, its groups; null: no admin
   * view for this person), read at most once an hour (src/background/powerbi/audience-cache.ts). Gone at sign-out.
   */
  appAudiences: Record<string, { at: number; groups: AudienceGroup[] | null }>;
  /** While a tenant's Power BI admin reads are spent: when they come back (tenant id -> ms since the epoch). */
  adminReadsBack: Record<string, number>;
}

async function read<K extends string, T>(area: 'local' | 'session', key: K): Promise<T | undefined> {
  const got = await browser.storage[area].get(key);
  return got[key] as T | undefined;
}

export const local = {
  get: <K extends keyof LocalKeys>(key: K) => read<K, LocalKeys[K]>('local', key),
  set: <K extends keyof LocalKeys>(key: K, value: LocalKeys[K]) => browser.storage.local.set({ [key]: value }),
  setMany: (values: Partial<LocalKeys>) => browser.storage.local.set(values),
  remove: (keys: (keyof LocalKeys)[]) => browser.storage.local.remove(keys as string[]),
};

export const session = {
  get: <K extends keyof SessionKeys>(key: K) => read<K, SessionKeys[K]>('session', key),
  set: <K extends keyof SessionKeys>(key: K, value: SessionKeys[K]) => browser.storage.session.set({ [key]: value }),
  remove: (key: keyof SessionKeys) => browser.storage.session.remove(key),
};
