import type { ReviewsHere } from '../../../common/access-review.ts';
import type { Settings } from '../../../common/config.ts';
import { graphSession } from '../../services/graph/client.ts';
import { path } from '../../services/url-path.ts';
import { groupMembers } from './external-people.ts';
import { runningGroupReviews } from './group-reviews.ts';
import { guestsAmong, licensed } from './review-guests.ts';

/**
 * What the view of a group's reviews reads first (a Power BI app's audience, an environment's security group): the
 * licence (said before anything is created), the group's name, its guests (nested groups' members included, as the
 * review's `transitiveMembers` scope reaches them) with their sponsors, and Graph's reviews of the group.
 */
export async function groupReviewsHere(settings: Settings, groupId: string): Promise<ReviewsHere> {
  const { client } = graphSession(settings);
  const [license, group, guests, reviews] = await Promise.all([
    licensed(client),
    client.api(path`/groups/${groupId}`).select('id,displayName').get() as Promise<{ displayName?: string | null }>,
    groupMembers(client, groupId).then((ms) =>
      guestsAmong(
        client,
        ms.map((m) => m.userId),
      ),
    ),
    // A tenant without the licence may be refused the list too: the licence is then what the view says.
    runningGroupReviews(client, groupId).catch((e: unknown) => e as Error),
  ]);
  if (reviews instanceof Error && license !== false) throw reviews;
  return {
    scope: `/groups/${groupId}`,
    scopeName: group.displayName ?? groupId,
    licensed: license !== false,
    guests,
    reviews: reviews instanceof Error ? [] : reviews,
  };
}
