import { useState } from 'preact/hooks';
import { changeSentence, type GuestChange, type GuestChangeRecord, isMember } from '../../common/guest-card.ts';
import { t } from '../../common/i18n.ts';
import { send } from '../../common/send.ts';
import { ConfirmBox } from '../parts/ConfirmBox.tsx';

/**
 * A change from the card: its button, then the one sentence that says what changes and what does not, and only
 * on "Confirm" is it handed to the background (which carries it out with the popup closed).
 */
export function ConfirmChange({
  label,
  confirmLabel,
  guest,
  change,
  danger,
  summary,
  choice,
  onStarted,
}: {
  label: string;
  /** The confirm button's own words ("Confirm: delete user"): a label lower-cased is wrong in German. */
  confirmLabel: string;
  guest: GuestChangeRecord['guest'];
  change: GuestChange;
  /** A change that takes something away (deleting the user, removing a role): its confirmation looks destructive. */
  danger?: boolean;
  /** Shown above the sentence (what the guest still has, before a deletion). */
  summary?: preact.ComponentChildren;
  /** A box to tick that makes it a larger change (also end a running activation); the sentence follows it. */
  choice?: { label: string; change: GuestChange };
  onStarted?: () => void;
}) {
  const [asking, setAsking] = useState(false);
  // Deleting or converting a member (an employee, or a B2B member) takes a second, explicit step.
  const [acknowledged, setAcknowledged] = useState(false);
  const [chosen, setChosen] = useState(false);
  const asked = choice && chosen ? choice.change : change;
  // A member change has no choice beside it, so `change` is what is asked.
  const member = (change.kind === 'deleteUser' || change.kind === 'convert') && isMember(change.user);
  if (!asking)
    return (
      <button
        type="button"
        class={danger ? 'secondary danger' : 'secondary'}
        onClick={() => {
          setAcknowledged(false);
          setChosen(false);
          setAsking(true);
        }}
      >
        {label}
      </button>
    );
  const confirm = () =>
    send('startGuestChange', { guest, change: member ? { ...change, memberAcknowledged: true } : asked }).then(() => {
      setAsking(false);
      onStarted?.();
    });
  return (
    <ConfirmBox
      label={label}
      confirmLabel={confirmLabel}
      danger={danger}
      blocked={member && !acknowledged}
      onConfirm={confirm}
      onCancel={() => setAsking(false)}
    >
      {summary}
      {choice ? (
        <label>
          <input type="checkbox" checked={chosen} onChange={(e) => setChosen((e.target as HTMLInputElement).checked)} />{' '}
          {choice.label}
        </label>
      ) : null}
      <p>{changeSentence(asked, guest.displayName)}</p>
      {member ? (
        <label>
          <input
            type="checkbox"
            checked={acknowledged}
            onChange={(e) => setAcknowledged((e.target as HTMLInputElement).checked)}
          />{' '}
          {t('cardMemberAcknowledge')}
        </label>
      ) : null}
    </ConfirmBox>
  );
}
