import type { Settings } from '../../../common/config.ts';
import { ErrorCodes, hasCode } from '../../../common/errors.ts';
import { AUDIENCE_FRESH_MS, type AudienceRead, READ_AGAIN_AFTER_MS } from '../../../common/guest-card.ts';
import type { SignedInAccount } from '../../../common/model.ts';
import type { AudienceGroup } from '../../../common/powerbi.ts';
import { removeTogether, session } from '../../../common/storage.ts';
import { inTurns } from '../../core/in-turns.ts';
import { retryAfterOf } from '../error-table.ts';
import { getAppAudience } from './workspaces.ts';

/** Apps asked about at once: a few, so that a spent budget stops the rest early. */
const AT_ONCE = 4;

/** An app's audience groups as read, per app; null when the person may not use the admin view. */
export interface AppAudiences extends AudienceRead {
  byApp: Map<string, AudienceGroup[] | null>;
}

/** Per tenant and app; the account too, so that an admin's reads are never shown to another person. */
const keyOf = (account: SignedInAccount, appId: string) => `${account.tenantId}|${account.id}|${appId}`.toLowerCase();

/**
 * Power BI's admin view of each app's audience, kept for the browser session: the admin reads allow 200 requests an
 * hour (learn: rest/api/power-bi/admin/apps-get-app-users-as-admin, Limitations), and a guest's card would otherwise
 * spend one per app on every open. At most one read per app an hour; a read asked for again skips what was just read
 * (guest-card.ts, AUDIENCE_FRESH_MS and READ_AGAIN_AFTER_MS). While the budget is spent, nothing is asked.
 */
export async function appAudiences(
  settings: Settings,
  account: SignedInAccount,
  appIds: string[],
  { again = false, now = Date.now() }: { again?: boolean; now?: number } = {},
): Promise<AppAudiences> {
  const tenant = account.tenantId.toLowerCase();
  const kept = await session.appAudiences.get();
  const spentUntil = (await session.adminReadsBack.get())[tenant] ?? 0;
  let backAt = spentUntil > now ? spentUntil : null;
  const oldEnough = again ? READ_AGAIN_AFTER_MS : AUDIENCE_FRESH_MS;
  const due = appIds.filter((id) => {
    const entry = kept[keyOf(account, id)];
    return !entry || now - entry.at >= oldEnough;
  });
  const read: typeof kept = {};
  await inTurns(
    backAt ? [] : due,
    async (id) => {
      if (backAt) return;
      try {
        read[keyOf(account, id)] = { at: now, groups: await getAppAudience(settings, id) };
      } catch (e) {
        const wait = hasCode(e, ErrorCodes.throttled) ? retryAfterOf(e) : undefined;
        if (wait !== undefined) backAt = Math.max(backAt ?? 0, now + wait);
        // Anything else leaves this app's audience as kept, or unknown: the card shows the rest.
      }
    },
    AT_ONCE,
  );
  if (Object.keys(read).length) await session.appAudiences.set({ ...(await session.appAudiences.get()), ...read });
  if (backAt && backAt !== spentUntil) {
    await session.adminReadsBack.set({ ...(await session.adminReadsBack.get()), [tenant]: backAt });
  }
  const byApp = new Map<string, AudienceGroup[] | null>();
  let readAt: number | null = null;
  for (const id of appIds) {
    const entry = read[keyOf(account, id)] ?? kept[keyOf(account, id)];
    if (!entry) continue;
    byApp.set(id, entry.groups);
    // Only the admin view has an age to tell: a person without it was shown none.
    if (entry.groups) readAt = Math.min(readAt ?? entry.at, entry.at);
  }
  return { byApp, readAt, backAt };
}

/** At sign-out: what one person's admin view showed is not kept for the next. */
export async function forgetAppAudiences(): Promise<void> {
  await removeTogether([session.appAudiences, session.adminReadsBack]);
}
