import type { ActivityEntry } from '../../../common/activity-entry.ts';
import { RECENT_SHOWN, type RecentInvitation, type RecentInvitations, type RecentState } from '../../../common/guests-start.ts';
import type { SignedInAccount } from '../../../common/model.ts';
import { type Operation, stepOf } from '../../../common/operation.ts';
import { operationList } from '../invite/operation-store.ts';
import { activity } from './activity-log.ts';

const INVITATION_ACTIONS: readonly ActivityEntry['action'][] = ['invited', 'resent', 'reset'];

/** A single invitation this browser still holds: its name and the guest's id are known, and it may still be on its way. */
function fromOperation(op: Operation): RecentInvitation | null {
  const step = stepOf(op.steps, 'invite');
  if (!step) return null;
  const state: RecentState =
    step.state === 'pending'
      ? 'sending'
      : step.state === 'failed'
        ? 'failed'
        : op.invitation.resetRedemptionOf
          ? 'reset'
          : op.invited?.existing
            ? 'resent'
            : 'invited';
  const guestId = op.invited?.guest.id ?? step.found?.id;
  const email = op.invitation.email.trim();
  // Graph names a guest invited without a name by their address: that is no name to show beside it.
  const name = op.invited?.guest.displayName || op.invitation.displayName?.trim() || null;
  return {
    email,
    name: name && name.toLowerCase() !== email.toLowerCase() ? name : null,
    at: op.createdAt,
    state,
    ...(guestId ? { guestId } : {}),
    ...(step.state === 'failed' && step.error ? { error: step.error } : {}),
  };
}

/** An invitation known from Activity only (the operation itself trimmed since): by address, with its outcome. */
const fromEntry = (e: ActivityEntry): RecentInvitation => ({
  email: e.subject,
  name: null,
  at: e.at,
  state: e.outcome === 'failed' ? 'failed' : (e.action as RecentState),
  ...(e.error ? { error: e.error } : {}),
});

/**
 * The invitations the account made from this browser, newest first, one per address (the latest), the first `cap`
 * of them with how many there are: from its operations (those still held, with the guest's name and id) and its
 * Activity entries (kept 90 days).
 */
export async function recentInvitations(account: SignedInAccount, cap = RECENT_SHOWN): Promise<RecentInvitations> {
  const held = (await operationList.own(account)).flatMap((op) => fromOperation(op) ?? []);
  const logged = (await activity(account, 'all')).filter((e) => INVITATION_ACTIONS.includes(e.action)).map(fromEntry);
  const latest = new Map<string, RecentInvitation>();
  // Operations first: an Activity entry of the same invitation comes later (when it ended) and says less.
  for (const r of [...held, ...logged]) {
    const key = r.email.toLowerCase();
    const known = latest.get(key);
    if (!known) latest.set(key, r);
    else if (r.at > known.at && !(known.guestId && r.state === known.state)) {
      latest.set(key, { ...r, name: r.name ?? known.name, ...(known.guestId && !r.guestId ? { guestId: known.guestId } : {}) });
    }
  }
  const all = [...latest.values()].sort((a, b) => b.at - a.at);
  const shown = all.slice(0, cap);
  return { invitations: shown, extent: { read: shown.length, complete: all.length <= cap, total: all.length } };
}
