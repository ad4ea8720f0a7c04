import type { Client } from '@microsoft/microsoft-graph-client';
import type { ReviewGuest, ReviewsHere } from '../../../common/access-review.ts';
import type { Settings } from '../../../common/config.ts';
import { scopePath } from '../../../logic/arm-id.ts';
import { armList } from '../../services/arm/client.ts';
import { graphSession } from '../../services/graph/client.ts';
import { subscribedSkus } from '../../services/graph/licenses.ts';
import { graphList } from '../../services/graph/list.ts';
import { path } from '../../services/url-path.ts';
import { AUTH, PIM } from '../guest-card/guest-role-holder.ts';
import { runningReviews } from './reviews.ts';

/**
 * Licences that carry access reviews (learn: id-governance/licensing-fundamentals): Microsoft Entra ID P2 and
 * Microsoft Entra ID Governance, and the suites holding P2 (Microsoft 365 E5, EMS E5), by Graph's part numbers.
 */
const GOVERNANCE = new Set(['AAD_PREMIUM_P2', 'SPE_E5', 'EMSPREMIUM', 'MICROSOFT_ENTRA_ID_GOVERNANCE']);

/** Whether the tenant holds such a licence; null when its licences cannot be read (the service then decides). */
async function licensed(client: Client): Promise<boolean | null> {
  const skus = await subscribedSkus(client).catch(() => null);
  if (!skus) return null;
  return skus.some((s) => GOVERNANCE.has(s.skuPartNumber.toUpperCase()) && s.enabled > 0);
}

interface Instance {
  properties: { scope: string; principalId?: string; principalType?: string };
}

/** The guests holding a role (active or eligible) at exactly this scope, each with their sponsors. */
async function guestsAt(settings: Settings, client: Client, scope: string): Promise<ReviewGuest[]> {
  const base = `${scopePath(scope)}${AUTH}`;
  const lists = await Promise.all([
    armList<Instance>(settings, `${base}/roleAssignmentScheduleInstances`, PIM),
    armList<Instance>(settings, `${base}/roleEligibilityScheduleInstances`, PIM),
  ]);
  const ids = new Set(
    lists
      .flatMap((l) => l.items)
      .filter((i) => i.properties.principalType === 'User' && i.properties.scope.toLowerCase() === scope.toLowerCase())
      .map((i) => i.properties.principalId ?? ''),
  );
  const users = await Promise.all(
    [...ids].map(async (id) => {
      const u = (await client.api(path`/users/${id}`).select('id,displayName,userType').get()) as {
        displayName?: string;
        userType?: string;
      };
      if (u.userType !== 'Guest') return null;
      const sponsors = await graphList<{ id: string; displayName?: string | null }>(
        client,
        client.api(path`/users/${id}/sponsors`).get(),
      );
      return {
        id,
        displayName: u.displayName ?? id,
        sponsors: sponsors.items.map((s) => ({ id: s.id, displayName: s.displayName ?? s.id })),
      };
    }),
  );
  return users.filter((u): u is ReviewGuest => u !== null);
}

/** What the view of this scope's reviews reads first: the licence (said before anything is created), guests, reviews. */
export async function reviewsHere(settings: Settings, scope: string): Promise<ReviewsHere> {
  const { client } = graphSession(settings);
  const [license, guests, reviews] = await Promise.all([
    licensed(client),
    guestsAt(settings, client, scope),
    runningReviews(settings, scope),
  ]);
  return { scope, licensed: license !== false, guests, reviews };
}
