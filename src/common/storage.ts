import type { JobMeta, JobRow } from '../logic/bulk/job.ts';
import type { AccessReviewRecord } from './access-review.ts';
import type { ActivityEntry } from './activity-entry.ts';
import { browser } from './browser.ts';
import { DEFAULT_SETTINGS, type Settings } from './config.ts';
import type { GuestChangeRecord } from './guest-card.ts';
import type { InviteDraft } from './model.ts';
import type { Activation } from './my-access.ts';
import type { Operation } from './operation.ts';
import type { PageContext } from './page-context.ts';
import type { AudienceGroup } from './powerbi.ts';

/** `local` is durable; `session` is memory only, gone with the browser. */
export type StorageArea = 'local' | 'session';

/** One stored key, typed: read (its fallback when nothing is stored), written, removed, and watched for changes. */
export interface StoredItem<T> {
  readonly area: StorageArea;
  readonly key: string;
  get(): Promise<T>;
  set(value: T): Promise<void>;
  remove(): Promise<void>;
  /** Calls back with each new value (the fallback once removed) until `signal` aborts. */
  watch(callback: (value: T) => void, signal: AbortSignal): void;
  /** This item's part of a write of several items at once (`setTogether`). */
  entry(value: T): StoredEntry;
}

export interface StoredEntry {
  area: StorageArea;
  key: string;
  value: unknown;
}

export function item<T>(area: StorageArea, key: string, fallback: T): StoredItem<T> {
  // A copy each time: a caller may edit what it read (a record it then writes back) without changing the fallback.
  const orFallback = (stored: unknown) => (stored === undefined ? structuredClone(fallback) : (stored as T));
  return {
    area,
    key,
    get: async () => orFallback((await browser.storage[area].get(key))[key]),
    set: (value) => browser.storage[area].set({ [key]: value }),
    remove: () => browser.storage[area].remove(key),
    watch(callback, signal) {
      if (signal.aborted) return;
      const changed = (changes: Record<string, { newValue?: unknown }>, changedArea: string) => {
        const change = changes[key];
        if (changedArea === area && change) callback(orFallback(change.newValue));
      };
      browser.storage.onChanged.addListener(changed);
      signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(changed), { once: true });
    },
    entry: (value) => ({ area, key, value }),
  };
}

/** Several items written in one call per area: a reader never sees one of them changed without the others. */
export async function setTogether(entries: StoredEntry[]): Promise<void> {
  for (const area of ['local', 'session'] as const) {
    const mine = entries.filter((e) => e.area === area);
    if (mine.length) await browser.storage[area].set(Object.fromEntries(mine.map((e) => [e.key, e.value])));
  }
}

/** Several items removed in one call per area. */
export async function removeTogether(items: StoredItem<unknown>[]): Promise<void> {
  for (const area of ['local', 'session'] as const) {
    const keys = items.filter((i) => i.area === area).map((i) => i.key);
    if (keys.length) await browser.storage[area].remove(keys);
  }
}

/** Every durable storage key, declared once; each item is stored under its own name. */
export const local = {
  settings: item<Settings>('local', 'settings', DEFAULT_SETTINGS),
  /** The Entra group each Power BI app is published to, as the publisher chose it (app id -> group). */
  audienceGroups: item<Record<string, AudienceGroup>>('local', 'audienceGroups', {}),
  /** The bulk invitation job (one at a time), and its rows in chunks so a step rewrites only what changed. */
  bulkJob: item<JobMeta | null>('local', 'bulkJob', null),
  bulkRows: (chunk: number) => item<JobRow[] | null>('local', `bulkRows.${chunk}`, null),
  /** Single invitations run by the background, running and recently finished (src/background/features/invite/operations.ts). */
  operations: item<Operation[]>('local', 'operations', []),
  /** Activations and early ends of the signed-in person's own Azure roles (src/background/features/my-access/activations.ts). */
  activations: item<Activation[]>('local', 'activations', []),
  /** Access reviews being created at an Azure scope (src/background/features/owners/reviews-kind.ts). */
  accessReviews: item<AccessReviewRecord[]>('local', 'accessReviews', []),
  /** Changes made from a guest's card: conversions, sponsors, access taken back, deletions (src/background/features/guest-card/changes.ts). */
  guestChanges: item<GuestChangeRecord[]>('local', 'guestChanges', []),
  /** What this browser has done, oldest first, bounded (src/background/features/activity/activity-log.ts). */
  activity: item<ActivityEntry[]>('local', 'activity', []),
  /** Whether the invite form's "More options" (name, message, sponsor, redirect, e-mail, Guest or Member) was left open. */
  inviteMoreOptions: item<boolean>('local', 'inviteMoreOptions', false),
  /** The shape stored records were last brought to (src/background/core/stored-migration.ts); 1 before there was one. */
  storedVersion: item<number>('local', 'storedVersion', 1),
};

/** Every memory-only storage key, declared once; each item is stored under its own name. */
export const session = {
  /** MSAL's cache-encryption cookie, held here because Chrome drops Secure cookies on extension pages. */
  msalCookie: item<string>('session', 'msalCookie', ''),
  pageContexts: item<Record<string, { context: PageContext | null; url: string; at: number }>>('session', 'pageContexts', {}),
  lastPageTabId: item<number | null>('session', 'lastPageTabId', null),
  /**
   * The invitation being typed, kept while the popup closes (e.g. when the sign-in window opens): the account's and
   * the page's it was typed for, offered to no other (issue 21).
   */
  inviteDraft: item<{ accountId: string; page: string; draft: InviteDraft } | null>('session', 'inviteDraft', null),
  /** Set by sign-out: the next sign-in asks which account to use instead of reusing the login session. */
  signedOut: item<boolean>('session', 'signedOut', false),
  /**
   * Power BI's admin view of each app's audience ("tenant|account|app" -> when read, its groups; null: no admin
   * view for this person), read at most once an hour (src/background/services/powerbi/audience-cache.ts). Gone at sign-out.
   */
  appAudiences: item<Record<string, { at: number; groups: AudienceGroup[] | null }>>('session', 'appAudiences', {}),
  /** While a tenant's Power BI admin reads are spent: when they come back (tenant id -> ms since the epoch). */
  adminReadsBack: item<Record<string, number>>('session', 'adminReadsBack', {}),
};
