import { useEffect, useState } from 'preact/hooks';
import { t } from '../../common/i18n.ts';
import type { InviteDraft } from '../../common/model.ts';
import { local } from '../../common/storage.ts';
import { UserPicker } from '../parts/UserPicker.tsx';

/**
 * The fields every invitation has and most leave as they are (issue 25: on a page the extension knows, six of them
 * stood between the address and the page's own choice). Folded under one disclosure that stays as the person left
 * it, popup after popup; folded, its fields still go with the invitation.
 */
export function MoreOptions({ draft, update }: { draft: InviteDraft; update: (patch: Partial<InviteDraft>) => void }) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    local.inviteMoreOptions.get().then(setOpen, () => undefined);
  }, []);
  const toggle = (e: Event) => {
    const now = (e.currentTarget as HTMLDetailsElement).open;
    if (now === open) return;
    setOpen(now);
    void local.inviteMoreOptions.set(now);
  };
  return (
    <details class="more" open={open} onToggle={toggle} data-testid="more-options">
      <summary>
        {t('inviteMoreOptions')} <span class="muted">{t('inviteMoreOptionsHint')}</span>
      </summary>
      <label for="displayName">
        {t('inviteDisplayName')} <span class="muted">{t('inviteOptional')}</span>
      </label>
      <input id="displayName" value={draft.displayName} onInput={(e) => update({ displayName: e.currentTarget.value })} />
      <label for="message">
        {t('inviteMessage')} <span class="muted">{t('inviteOptional')}</span>
      </label>
      <textarea id="message" rows={2} value={draft.message} onInput={(e) => update({ message: e.currentTarget.value })} />
      <UserPicker label={t('inviteSponsor')} chosen={draft.sponsor} onChoose={(sponsor) => update({ sponsor })} />
      <label for="redirectUrl">{t('inviteRedirect')}</label>
      <input
        id="redirectUrl"
        type="url"
        value={draft.redirectUrl}
        onInput={(e) => update({ redirectUrl: e.currentTarget.value })}
      />
      <label class="check">
        <input type="checkbox" checked={draft.sendEmail} onChange={(e) => update({ sendEmail: e.currentTarget.checked })} />
        {t('inviteSendEmail')}
      </label>
      <fieldset>
        <legend>{t('inviteAs')}</legend>
        {([/* not text */ 'Guest', /* not text */ 'Member'] as const).map((type) => (
          <label class="check" key={type}>
            <input
              type="radio"
              name="userType"
              value={type}
              checked={draft.userType === type}
              onChange={() => update({ userType: type })}
            />
            {type === 'Guest' ? t('cardUserTypeGuest') : t('cardUserTypeMember')}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
