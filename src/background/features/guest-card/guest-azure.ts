import type { Settings } from '../../../common/config.ts';
import { ErrorCodes, hasCode } from '../../../common/errors.ts';
import type { CardAzure, CardSubscriptionRoles } from '../../../common/guest-card.ts';
import { isArmScope } from '../../../logic/arm-id.ts';
import type { ReadExtent } from '../../../logic/listed.ts';
import { inTurns } from '../../core/in-turns.ts';
import { armList } from '../../services/arm/client.ts';
import { rolesAt } from './guest-roles.ts';

/**
 * A guest's Azure roles wherever the admin can look (issue 25: the card is about the person, not the page): every
 * subscription the admin sees (GET /subscriptions, to its last page), then each one's PIM instances for the guest
 * (`assignedTo`, guest-roles.ts), a few subscriptions at a time.
 */

/** Subscriptions read for one card: two ARM reads each. A tenant with more shows the first ones, and says so. */
export const MAX_SUBSCRIPTIONS = 50;
/** Subscriptions read at once: ARM's read budget is per principal, and a card should not spend it in one burst. */
const AT_ONCE = 4;

interface Subscription {
  subscriptionId: string;
  displayName?: string;
}

/** ARM refused to list roles there (the admin holds a role only further down, or none that reads role assignments). */
const refused = (e: unknown) => hasCode(e, ErrorCodes.forbidden) || hasCode(e, ErrorCodes.notFound);

export async function azureRolesOf(settings: Settings, principalId: string): Promise<CardAzure> {
  const listed = await armList<Subscription>(settings, '/subscriptions', '2022-12-01');
  const looked = listed.items.slice(0, MAX_SUBSCRIPTIONS);
  const each = await inTurns(
    looked,
    async (s): Promise<CardSubscriptionRoles | null> => {
      const displayName = s.displayName ?? s.subscriptionId;
      const scope = `/subscriptions/${s.subscriptionId}`;
      // An id ARM gave that the grammar does not read is never put in a path: counted with those not read.
      if (!isArmScope(scope)) return null;
      try {
        const { roles, unreadable } = await rolesAt(settings, scope, principalId, displayName);
        return { subscriptionId: s.subscriptionId, displayName, roles, unreadable };
      } catch (e) {
        if (refused(e)) return null;
        throw e;
      }
    },
    AT_ONCE,
  );
  const read: ReadExtent = {
    read: looked.length,
    complete: listed.complete && looked.length === listed.items.length,
    total: listed.complete ? listed.items.length : null,
  };
  return {
    subscriptions: each.filter((s): s is CardSubscriptionRoles => s !== null && s.roles.length + s.unreadable.length > 0),
    read,
    skipped: each.filter((s) => s === null).length,
  };
}
