import type { Client } from '@microsoft/microsoft-graph-client';
import type { ReviewGuest, ReviewsHere } from '../../../common/access-review.ts';
import { groupOfScope } from '../../../common/access-review-schema.ts';
import type { Settings } from '../../../common/config.ts';
import { scopePath } from '../../../logic/arm-id.ts';
import { armList } from '../../services/arm/client.ts';
import { graphSession } from '../../services/graph/client.ts';
import { AUTH, PIM } from '../guest-card/guest-role-holder.ts';
import { atMost, groupMembers } from './external-people.ts';
import { groupReviewsHere } from './group-reviews-here.ts';
import { guestsAmong, licensed } from './review-guests.ts';
import { runningReviews } from './reviews.ts';

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
  return guestsAmong(client, [...held('User'), ...members.flat().map((m) => m.userId)]);
}

/**
 * What the view of this scope's reviews reads first: the licence (said before anything is created), guests, reviews.
 * A group's (`/groups/{id}`) are Graph's access reviews of that group (group-reviews-here.ts).
 */
export async function reviewsHere(settings: Settings, scope: string): Promise<ReviewsHere> {
  const group = groupOfScope(scope);
  if (group) return groupReviewsHere(settings, group);
  const { client } = graphSession(settings);
  const [license, guests, reviews] = await Promise.all([
    licensed(client),
    guestsAt(settings, client, scope),
    runningReviews(settings, scope),
  ]);
  return { scope, licensed: license !== false, guests, reviews };
}
