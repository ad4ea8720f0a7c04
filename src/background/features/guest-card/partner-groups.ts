import type { Client } from '@microsoft/microsoft-graph-client';
import type { Group } from '@microsoft/microsoft-graph-types';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import {
  type ExistingPartnerGroup,
  type GuestChangeRecord,
  NICKNAME_TOO_LONG,
  type PartnerGroupDraft,
  type PartnerGroupPreview,
  partnerGroupDraft,
  sentNickname,
} from '../../../common/guest-card.ts';
import { sameRule } from '../../../logic/membership-rule.ts';
import { graphList } from '../../services/graph/list.ts';
import { filterParam, odataString } from '../../services/graph/odata.ts';
import { partnerGuests } from './directory-changes.ts';

/**
 * A partner's dynamic group, made once (issue 25): the directory's dynamic groups are read and their rules compared
 * here before one is proposed and again before one is sent, so a second confirmation, another guest's card or a
 * group someone made in the admin center all end at the group that exists.
 */

/**
 * How long a group just made may be missing from the directory's lists (a read may lag a write): until then a
 * creation of this browser is shown as the partner's group from its record.
 */
const LISTS_CATCH_UP_MS = 10 * 60_000;

/** Graph's largest page of groups. */
const GROUPS_PAGE = 999;
/** The dynamic groups, a filter Graph takes on any tenant (learn: group-list, groupTypes "Supports $filter (eq, not)"). */
const DYNAMIC = "groupTypes/any(c:c eq 'DynamicMembership')";

const shown = (g: Group): ExistingPartnerGroup => ({
  id: g.id ?? '',
  displayName: g.displayName ?? g.id ?? '',
  description: g.description ?? null,
  createdDateTime: g.createdDateTime ?? null,
  paused: g.membershipRuleProcessingState === 'Paused',
});

/**
 * The dynamic groups whose rule says the same as `rule`, every page of them. Graph's `$filter` on membershipRule
 * takes `eq` and `startsWith` only, which a rule spaced or ordered otherwise would escape: the rules are compared here.
 */
export async function groupsWithRule(client: Client, rule: string): Promise<ExistingPartnerGroup[]> {
  const { items } = await graphList<Group>(
    client,
    client
      .api('/groups')
      .filter(filterParam(DYNAMIC))
      .select('id,displayName,description,membershipRule,membershipRuleProcessingState,createdDateTime')
      .top(GROUPS_PAGE)
      .get(),
  );
  return items.filter((g) => sameRule(g.membershipRule, rule)).map(shown);
}

/**
 * What the card shows for a partner: the group that exists (in the directory, or being made from this browser,
 * which the directory's lists may not show yet), or the draft and whom it would admit.
 */
export async function partnerGroupPreview(
  client: Client,
  own: GuestChangeRecord[],
  domain: string,
): Promise<PartnerGroupPreview> {
  const draft = partnerGroupDraft(domain);
  const [found, admitted] = await Promise.all([
    groupsWithRule(client, draft.membershipRule),
    partnerGuests(client, draft.domain),
  ]);
  const making = own
    .filter((r) => r.change.kind === 'createGroup' && sameRule(r.change.group.membershipRule, draft.membershipRule))
    .filter((r) => !r.steps.some((s) => s.state === 'failed') && !found.some((g) => g.id === r.createdId))
    // A group made a while ago and not listed was deleted since: it no longer stands in the way of a new one.
    .filter((r) => r.status !== 'done' || (r.finishedAt ?? 0) > Date.now() - LISTS_CATCH_UP_MS)
    .map(
      (r): ExistingPartnerGroup => ({
        id: r.createdId ?? '',
        displayName: r.change.kind === 'createGroup' ? r.change.group.displayName : '',
        description: null,
        createdDateTime: null,
        paused: false,
        underWay: r.status !== 'done',
      }),
    );
  return { draft, admitted, existing: [...found, ...making] };
}

/**
 * Creates the dynamic security group, unless one with the same rule exists. POST /groups is not safe to repeat:
 * when a send may have reached Graph, the group is first looked for by the mail nickname this change sent (a
 * group just made may reach the directory's lists later); then, every time, by its rule.
 */
export async function createDynamicGroup(
  client: Client,
  g: PartnerGroupDraft,
  requestName: string,
  mayExist: boolean,
): Promise<{ id: string; outcome: string }> {
  const mailNickname = sentNickname(g.mailNickname, requestName);
  // Checked with the change before every step (changeProblem); kept here so that no other caller sends one Graph refuses.
  if (!mailNickname) throw new AppError(ErrorCodes.badMessage, NICKNAME_TOO_LONG);
  if (mayExist) {
    // One group is enough to know it was made: read to the first, whatever the page size.
    const { items } = await graphList<Group>(
      client,
      client
        .api('/groups')
        .filter(filterParam(`mailNickname eq ${odataString(mailNickname)}`))
        .select('id')
        .get(),
      1,
    );
    if (items[0]?.id) return { id: items[0].id, outcome: 'created' };
  }
  const same = (await groupsWithRule(client, g.membershipRule))[0];
  if (same) return { id: same.id, outcome: `not created: "${same.displayName}" has the same rule` };
  const made = (await client.api('/groups').post({
    displayName: g.displayName,
    description:
      g.description?.trim() || `Guests whose address ends in @${g.domain}, kept in step by Entra's dynamic membership.`,
    mailEnabled: false,
    mailNickname,
    securityEnabled: true,
    groupTypes: ['DynamicMembership'],
    membershipRule: g.membershipRule,
    membershipRuleProcessingState: 'On',
  })) as Group;
  return { id: made.id ?? '', outcome: 'created' };
}
