import type { ChangedUser } from './guest-change-schema.ts';
import { t } from './i18n.ts';

/** One thing this browser did, as the activity view and its CSV list it (issue 9). */
export interface ActivityEntry {
  at: number;
  /** Who was signed in. */
  username: string;
  tenantId: string;
  /** The account's object id (entries of older versions have none): each account sees its own entries. */
  principalId?: string;
  action:
    | 'invited'
    | 'resent'
    | 'reset'
    | 'role'
    | 'group'
    | 'workspace'
    | 'license'
    | 'bulk'
    | 'activated'
    | 'deactivated'
    | 'converted'
    | 'sponsor'
    | 'removed'
    | 'deleted'
    | 'groupCreated'
    | 'environment'
    | 'restored'
    | 'review'
    | 'attested'
    | 'disabled'
    | 'enabled';
  /** Whom or what it concerned: the guest's address, or the bulk file's name. */
  subject: string;
  /** What exactly, in words: the role, scope and schedule; the group; the bulk job's counts. */
  detail: string;
  /** The Azure scope a role was given at, exactly, for the CSV (the detail names it in words). */
  scope?: string;
  outcome: 'succeeded' | 'failed';
  error?: string;
  redeemUrl?: string;
  /** A user deleted from a card, as the card read them: Activity offers to restore them within Entra's 30 days. */
  deletedUser?: { id: string; displayName: string; user: ChangedUser };
}

export type ActivityFilter = 'all' | ActivityEntry['outcome'];

/** A step under way that waits for Microsoft's services to catch up, listed above the entries while it waits. */
export interface WaitingStep {
  /** The guest's address. */
  subject: string;
  /** The step, in words ("Give Reader"). */
  step: string;
  /** What it waits for ("Azure has not seen the new guest yet; …"). */
  words: string;
}

/** Each action in words; getters, so the words are read in the language of the moment they are shown. */
export const ACTION_WORDS: Record<ActivityEntry['action'], string> = {
  get invited() {
    return t('activityInvited');
  },
  get resent() {
    return t('activityResent');
  },
  get reset() {
    return t('activityReset');
  },
  get role() {
    return t('activityRole');
  },
  get group() {
    return t('activityGroup');
  },
  get workspace() {
    return t('activityWorkspace');
  },
  get license() {
    return t('activityLicense');
  },
  get bulk() {
    return t('activityBulk');
  },
  get activated() {
    return t('activityActivated');
  },
  get deactivated() {
    return t('activityDeactivated');
  },
  get converted() {
    return t('activityConverted');
  },
  get sponsor() {
    return t('activitySponsor');
  },
  get removed() {
    return t('activityRemoved');
  },
  get deleted() {
    return t('activityDeleted');
  },
  get groupCreated() {
    return t('activityGroupCreated');
  },
  get environment() {
    return t('activityEnvironment');
  },
  get restored() {
    return t('activityRestored');
  },
  get review() {
    return t('activityReview');
  },
  get attested() {
    return t('activityAttested');
  },
  get disabled() {
    return t('activityDisabled');
  },
  get enabled() {
    return t('activityEnabled');
  },
};

/** An entry's outcome as the activity lists show it (the entry keeps the value, the CSV writes that). */
export const outcomeWords = (outcome: ActivityEntry['outcome']) =>
  outcome === 'succeeded' ? t('activitySucceeded') : t('activityFailed');
