import type { Client } from '@microsoft/microsoft-graph-client';
import type { ReviewGuest } from '../../../common/access-review.ts';
import { subscribedSkus } from '../../services/graph/licenses.ts';
import { graphList } from '../../services/graph/list.ts';
import { path } from '../../services/url-path.ts';

/**
 * Licences that carry access reviews (learn: id-governance/licensing-fundamentals): Microsoft Entra ID P2 and
 * Microsoft Entra ID Governance, and the suites holding P2 (Microsoft 365 E5, EMS E5), by Graph's part numbers.
 */
const GOVERNANCE = new Set(['AAD_PREMIUM_P2', 'SPE_E5', 'EMSPREMIUM', 'MICROSOFT_ENTRA_ID_GOVERNANCE']);

/** Whether the tenant holds such a licence; null when its licences cannot be read (the service then decides). */
export async function licensed(client: Client): Promise<boolean | null> {
  const skus = await subscribedSkus(client).catch(() => null);
  if (!skus) return null;
  return skus.some((s) => GOVERNANCE.has(s.skuPartNumber.toUpperCase()) && s.enabled > 0);
}

/** The guests among these users, each with their sponsors (the reviewers of a sponsors' review), read side by side. */
export async function guestsAmong(client: Client, ids: string[]): Promise<ReviewGuest[]> {
  const users = await Promise.all(
    ids.map(async (id) => {
      const u = (await client.api(path`/users/${id}`).select('id,displayName,userType').get()) as {
        displayName?: string;
        userType?: string;
      };
      return u.userType === 'Guest' ? { id, displayName: u.displayName ?? id } : null;
    }),
  );
  return Promise.all(
    users
      .filter((u) => u !== null)
      .map(async (g) => {
        const sponsors = await graphList<{ id: string; displayName?: string | null }>(
          client,
          client.api(path`/users/${g.id}/sponsors`).get(),
        );
        return { ...g, sponsors: sponsors.items.map((s) => ({ id: s.id, displayName: s.displayName ?? s.id })) };
      }),
  );
}
