/** One thing this browser did, as the activity view and its CSV list it (issue 9). */
export interface ActivityEntry {
  at: number;
  /** Who was signed in. */
  username: string;
  tenantId: string;
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
    | 'environment';
  /** Whom or what it concerned: the guest's address, or the bulk file's name. */
  subject: string;
  /** What exactly, in words: the role, scope and schedule; the group; the bulk job's counts. */
  detail: string;
  /** The Azure scope a role was given at, exactly, for the CSV (the detail names it in words). */
  scope?: string;
  outcome: 'succeeded' | 'failed';
  error?: string;
  redeemUrl?: string;
}

export type ActivityFilter = 'all' | ActivityEntry['outcome'];

export const ACTION_WORDS: Record<ActivityEntry['action'], string> = {
  invited: 'Invited',
  resent: 'Invitation resent',
  reset: 'Redemption reset',
  role: 'Azure role',
  group: 'Group joined',
  workspace: 'Workspace role',
  license: 'Licence',
  bulk: 'Bulk invitation',
  activated: 'Role activated',
  deactivated: 'Role deactivated',
  converted: 'User type changed',
  sponsor: 'Sponsor added',
  removed: 'Access taken back',
  deleted: 'User deleted',
  groupCreated: 'Dynamic group created',
  environment: 'Environment access',
};
