import { useCallback, useEffect, useState } from 'preact/hooks';
import { DEFAULT_REDIRECT_URL } from '../../common/config.ts';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { ErrorCodes, hasCode } from '../../common/errors.ts';
import { type ChangedUser, type GuestCard, type GuestChangeRecord, userTypeWords } from '../../common/guest-card.ts';
import { t } from '../../common/i18n.ts';
import { guestStateWords } from '../../common/model.ts';
import { send } from '../../common/send.ts';
import { formatDateTime } from '../../logic/format.ts';
import { ConsentLine, useConsent } from '../parts/ConsentLine.tsx';
import { UserPicker } from '../parts/UserPicker.tsx';
import { lazyView } from '../shell/lazy.tsx';
import { ConfirmChange } from './ConfirmChange.tsx';
import { GuestAccess, StillHas } from './GuestAccess.tsx';
import { GuestChanges } from './GuestChanges.tsx';
import { GuestHistory } from './GuestHistory.tsx';
import { PartnerGroup } from './PartnerGroup.tsx';
import { RestoreUser } from './RestoreUser.tsx';

// Issue 27: a guest's standing under the guest lifecycle policies, read after the card, in a chunk of its own.
const GuestLifecycle = lazyView(() => import('./GuestLifecycle.tsx').then((m) => m.GuestLifecycle));

const when = (iso: string | null) => (iso ? formatDateTime(iso) : '—');

/** One user's whole access here, with the changes an admin makes to it, each confirmed in one sentence. */
export function GuestCardView({ id, onInvitation }: { id: string; onInvitation: () => void }) {
  const [card, setCard] = useState<GuestCard | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sponsor, setSponsor] = useState<{ id: string; displayName: string } | undefined>();
  // Every workspace is read only when the person asks: one Power BI request each.
  const [allWorkspaces, setAllWorkspaces] = useState(false);
  // The card reads the user (invite scopes), the audit log (the card's) and licences and audiences (Power BI
  // access's): what is not granted yet is asked for above the card, which reads again once it is.
  const read = useCallback(
    (readAudiencesAgain: boolean) => {
      const asked = { id, ...(allWorkspaces ? { allWorkspaces } : {}) };
      send('getGuestCard', readAudiencesAgain ? { ...asked, readAudiencesAgain } : asked).then((c) => {
        setCard(c);
        setError(null);
      }, setError);
    },
    [id, allWorkspaces],
  );
  const load = useCallback(() => read(false), [read]);
  useEffect(load, [load]);
  const consent = useConsent(['invite', 'guestCard', 'powerBiAccess'], { onGranted: load });
  const consentLine = <ConsentLine consent={consent} words={t('consentGuestCard')} />;
  if (hasCode(error, ErrorCodes.notFound))
    return (
      <div>
        <p class="note" data-testid="card-gone">
          {t('cardGone', card?.identity.displayName ?? t('cardThisUser'))}
        </p>
        <RestoreUser id={id} />
        <GuestChanges guestId={id} onSettled={load} />
      </div>
    );
  if (error && !card)
    return (
      <>
        {consentLine}
        <ErrorNote error={error} />
      </>
    );
  if (!card)
    return (
      <p class="muted" aria-busy="true">
        {t('cardReading')}
      </p>
    );
  const u = card.identity;
  const guest: GuestChangeRecord['guest'] = { id: u.id, mail: u.mail ?? u.userPrincipalName, displayName: u.displayName };
  const domain = u.mail?.split('@')[1]?.toLowerCase();
  const user: ChangedUser = {
    userPrincipalName: u.userPrincipalName,
    userType: u.userType,
    external: !!u.externalUserState || /#EXT#/i.test(u.userPrincipalName),
  };
  // Resend and reset are invitations like any other: the Invite tab shows the result card with the redeem link.
  // They send the guest to the default page, never to whatever page the tab shows (the card offers no field for it).
  const invite = (reset: boolean) =>
    send('startInvitation', {
      invitation: {
        email: u.mail ?? '',
        redirectUrl: DEFAULT_REDIRECT_URL,
        sendEmail: true,
        userType: u.userType === 'Member' ? /* not text */ 'Member' : /* not text */ 'Guest',
        ...(reset ? { resetRedemptionOf: u.id } : {}),
      },
    }).then(onInvitation, setError);
  return (
    <article class="card" aria-label={t('cardOf', u.displayName)} data-testid="guest-card">
      <h2>{u.displayName}</h2>
      {consentLine}
      <dl>
        <dt>{t('cardMail')}</dt>
        <dd>{u.mail ?? '—'}</dd>
        <dt>{t('cardUpn')}</dt>
        <dd class="mono">{u.userPrincipalName}</dd>
        <dt>{t('cardUserType')}</dt>
        <dd data-testid="card-user-type">{userTypeWords(u.userType)}</dd>
        <dt>{t('cardInvitation')}</dt>
        <dd>
          {u.externalUserState
            ? t('cardStateSince', guestStateWords(u.externalUserState), when(u.externalUserStateChangeDateTime))
            : t('cardNotInvited')}
        </dd>
        <dt>{t('cardCreated')}</dt>
        <dd>{when(u.createdDateTime)}</dd>
        <dt>{t('cardSponsors')}</dt>
        <dd data-testid="card-sponsors">{u.sponsors.map((s) => s.displayName).join(', ') || t('cardNoSponsors')}</dd>
      </dl>
      <div class="row">
        {u.mail && u.externalUserState ? (
          <>
            <button type="button" class="secondary" onClick={() => invite(false)}>
              {t('cardResend')}
            </button>
            <button type="button" class="secondary" onClick={() => invite(true)}>
              {t('cardResetRedemption')}
            </button>
          </>
        ) : null}
        <ConfirmChange
          label={u.userType === 'Guest' ? t('cardConvertToMember') : t('cardConvertToGuest')}
          confirmLabel={u.userType === 'Guest' ? t('cardConfirmConvertToMember') : t('cardConfirmConvertToGuest')}
          guest={guest}
          change={{ kind: 'convert', to: u.userType === 'Guest' ? /* not text */ 'Member' : /* not text */ 'Guest', user }}
          onStarted={load}
        />
      </div>
      <UserPicker label={t('cardAddASponsor')} chosen={sponsor} onChoose={setSponsor} />
      {sponsor ? (
        <ConfirmChange
          label={t('cardAddSponsor')}
          confirmLabel={t('cardConfirmAddSponsor')}
          guest={guest}
          change={{ kind: 'addSponsor', sponsor }}
          onStarted={() => setSponsor(undefined)}
        />
      ) : null}
      {u.userType === 'Guest' ? <GuestLifecycle guest={guest} readAgain={card} /> : null}
      <GuestChanges guestId={u.id} onSettled={load} />
      <GuestAccess
        card={card}
        guest={guest}
        onStarted={load}
        onReadAllWorkspaces={() => setAllWorkspaces(true)}
        onReadAudiencesAgain={() => read(true)}
      />
      {u.userType === 'Guest' && domain ? <PartnerGroup domain={domain} guest={guest} onStarted={load} /> : null}
      <GuestHistory card={card} />
      <ConfirmChange
        label={t('cardDeleteUser')}
        confirmLabel={t('cardConfirmDeleteUser')}
        danger
        guest={guest}
        change={{ kind: 'deleteUser', user }}
        summary={<StillHas card={card} />}
      />
      {error ? <ErrorNote error={error} /> : null}
    </article>
  );
}
