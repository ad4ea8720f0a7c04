import type { Client } from '@microsoft/microsoft-graph-client';
import type { ReviewGuest, ReviewsHere } from '../../../common/access-review.ts';
import type { Settings } from '../../../common/config.ts';
import { scopePath } from '../../../logic/arm-id.ts';
import { armList } from '../../services/arm/client.ts';
import { graphSession } from '../../services/graph/client.ts';
import { subscribedSkus } from '../../services/graph/licenses.ts';
import { AUTH, PIM } from '../guest-card/guest-role-holder.ts';
import { atMost, externalPeople, groupMembers } from './external-people.ts';
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

/** Groups holding a role here expanded at once. */
const GROUPS_AT_ONCE = 4;

/**
 * The guests holding a role (active or eligible) at exactly this scope, themselves or through a group (its members,
 * nested groups' included: ARM's review counts them as indirect), each with their sponsors: everyone the review
 * reviews, so that the sponsors of each are its reviewers.
 */
async function guestsAt(settings: Settings, client: Client, scope: string): Promise<ReviewGuest[]> {
  const base = `${scopePath(scope)}${AUTH}`;
  const lists = await Promise.all([
    armList<Instance>(settings, `${base}/roleAssignmentScheduleInstances`, PIM),
    armList<Instance>(settings, `${base}/roleEligibilityScheduleInstances`, PIM),
  ]);
  const here = lists.flatMap((l) => l.items).filter((i) => i.properties.scope.toLowerCase() === scope.toLowerCase());
  const held = (type: string) => [
    ...new Set(here.filter((i) => i.properties.principalType === type).map((i) => i.properties.principalId ?? '')),
  ];
  const members = await atMost(held('Group'), GROUPS_AT_ONCE, (id) => groupMembers(client, id));
  const ids = [...new Set([...held('User'), ...members.flat().map((m) => m.userId)].map((id) => id.toLowerCase()))];
  const { people } = await externalPeople(client, ids);
  return people.filter((p) => p.kind === 'guest').map((p) => ({ id: p.id, displayName: p.displayName, sponsors: p.sponsors }));
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
