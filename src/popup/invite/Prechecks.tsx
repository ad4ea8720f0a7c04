import { t } from '../../common/i18n.ts';
import type { ExistingUser, Precheck } from '../../common/model.ts';

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
        {t('precheckMember', user.email, user.userPrincipalName)}
      </div>
    );
  }
  return (
    <div class="note" role="status" data-testid="existing-user">
      {user.state === 'Accepted'
        ? t('precheckGuestAccepted', user.displayName, user.email)
        : t('precheckGuestPending', user.displayName, user.email)}{' '}
      <button type="button" class="link" onClick={() => onReset(user)}>
        {t('cardResetRedemption')}
      </button>
    </div>
  );
}

/** The submit button's words for what it will do. */
export function inviteLabel(check: Precheck | null, busy: boolean): string {
  if (busy) return t('inviteSending');
  return check?.existing?.invited ? t('cardResend') : t('inviteSubmit');
}
