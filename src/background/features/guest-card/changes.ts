import { changeWords, type GuestChange, type GuestChangeRecord } from '../../../common/guest-card.ts';
import { t } from '../../../common/i18n.ts';
import { local } from '../../../common/storage.ts';
import { defineKind } from '../../engine/kinds.ts';
import { reads } from '../../engine/steps.ts';
import { storedList } from '../../engine/stored-list.ts';
import { recordGuestChange } from '../activity/activity-log.ts';
import { changeProblem } from './change-problem.ts';
import { type ChangeResult, changeStep } from './steps/change.ts';

/**
 * Changes made from a guest's card (issue 11), each an operation of the one engine with one step: sent once, the
 * step marked sent and saved before it leaves, and looked for before it is sent again.
 */

const list = storedList<GuestChangeRecord>(local.guestChanges);
export const ownGuestChanges = list.own;

/** Two changes are the same when they would act on the same thing: a second click joins the first. */
const target = (c: GuestChange): string => {
  switch (c.kind) {
    case 'convert':
      return 'userType';
    case 'addSponsor':
      return c.sponsor.id;
    case 'leaveGroup':
      return c.group.id;
    case 'removeWorkspaceRole':
      return c.role.workspaceId;
    case 'removeAzureRole':
      return `${c.role.scope}|${c.role.roleDefinitionId}|${c.role.removal}`.toLowerCase();
    case 'removeLicense':
      return c.license.skuId;
    case 'deleteUser':
    case 'restoreUser':
    case 'attest':
    case 'disableUser':
    case 'enableUser':
      return '';
    case 'createGroup':
      return c.group.mailNickname;
  }
};

/** What a start of a change is given: the guest as the card read them, and the change. */
export interface GuestChangeStart {
  guest: GuestChangeRecord['guest'];
  change: GuestChange;
}

/** A change made from a guest's card. */
export const guestChangeKind = defineKind<GuestChangeRecord, GuestChangeStart, ChangeResult>({
  list,
  plan: ({ guest, change }) => ({
    requestName: crypto.randomUUID(),
    ...(change.kind === 'removeAzureRole' && change.endActivation ? { activationRequestName: crypto.randomUUID() } : {}),
    guest,
    change,
    steps: [{ kind: 'change', state: 'pending' }],
  }),
  sameAs: (x, r) =>
    // A partner's group is the partner's, whichever guest's card it was proposed on.
    (x.guest.id === r.guest.id || r.change.kind === 'createGroup') &&
    x.change.kind === r.change.kind &&
    target(x.change) === target(r.change),
  underWay: () => t('changeUnderWay'),
  problem: changeProblem,
  guestId: (r) => r.guest.id,
  inputs: [reads(changeStep, (change: GuestChangeRecord) => ({ change }))],
  ended: (r, _step, result) => {
    if (result?.kind === 'change') Object.assign(r, { outcome: result.outcome, createdId: result.createdId });
  },
  fields: ['steps', 'status', 'waitingFor', 'finishedAt', 'outcome', 'createdId'],
  record: recordGuestChange,
  what: (r) => t('queuedChange', changeWords(r.change), r.guest.mail || r.guest.displayName),
  transferable: true,
});
