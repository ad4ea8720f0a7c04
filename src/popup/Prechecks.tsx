import type { ExistingUser, Precheck } from '../shared/model.ts';

/** What the pre-checks found, before anything is sent: may I invite, and who already has this address. */
export function InviteNotes({ check, onReset }: { check: Precheck | null; onReset: (user: ExistingUser) => void }) {
  if (!check) return null;
  const { invite, existing } = check;
  return (
    <>
      {invite.allowed === false ? (
        <div class="warning" role="alert" data-testid="invite-permission">
          {invite.reason}
        </div>
      ) : null}
      {existing ? <ExistingNote user={existing} onReset={onReset} /> : null}
    </>
  );
}

function ExistingNote({ user, onReset }: { user: ExistingUser; onReset: (user: ExistingUser) => void }) {
  if (!user.invited) {
    return (
      <div class="note" role="status" data-testid="existing-user">
        {user.email} is a member of your organization ({user.userPrincipalName}); there is no one to invite.
      </div>
    );
  }
  const state = user.state === 'Accepted' ? 'has accepted the invitation' : 'has not accepted the invitation yet';
  return (
    <div class="note" role="status" data-testid="existing-user">
      {user.displayName} ({user.email}) is already a guest here and {state}. Sending again reuses the same guest; no new user is
      created.{' '}
      <button type="button" class="link" onClick={() => onReset(user)}>
        Reset redemption
      </button>
    </div>
  );
}

/** The submit button's words for what it will do. */
export function inviteLabel(check: Precheck | null, busy: boolean): string {
  if (busy) return 'Sending…';
  return check?.existing?.invited ? 'Resend invitation' : 'Invite';
}

/** Whether the pre-checks already tell that sending cannot work. */
export function blockedByPrecheck(check: Precheck | null): boolean {
  return check?.invite.allowed === false || (!!check?.existing && !check.existing.invited);
}
