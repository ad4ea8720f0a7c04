import { type GuestCard, type GuestChangeRecord, workspacesNotReadWords } from '../../common/guest-card.ts';
import { t } from '../../common/i18n.ts';
import { licenseName } from '../../logic/license-names.ts';
import { notReadWords } from '../../logic/listed.ts';
import { AudiencesRead } from './AudiencesRead.tsx';
import { AzureRoles, azureStillLines } from './AzureRoles.tsx';
import { ConfirmChange } from './ConfirmChange.tsx';

/** What the guest holds here, each with the way to take it back. */
export function GuestAccess({
  card,
  guest,
  onStarted,
  onReadAllWorkspaces,
  onReadAudiencesAgain,
}: {
  card: GuestCard;
  guest: GuestChangeRecord['guest'];
  onStarted: () => void;
  /** Read every workspace, not only the first ones (offered when the card did not read them all). */
  onReadAllWorkspaces: () => void;
  /** Read the apps' audiences again (offered once what is shown is a few minutes old). */
  onReadAudiencesAgain: () => void;
}) {
  const problem = (section: GuestCard['problems'][number]['section']) =>
    card.problems
      .filter((p) => p.section === section)
      .map((p) => (
        <p class="warning" key={p.message}>
          {p.message}
        </p>
      ));
  const notRead = workspacesNotReadWords(card.workspacesRead);
  return (
    <section aria-label={t('cardAccess')}>
      <h3>{t('cardGroups')}</h3>
      {problem('groups')}
      {notReadWords(card.groupsRead) ? (
        <p class="warning" data-testid="card-groups-read">
          {notReadWords(card.groupsRead)}
        </p>
      ) : null}
      {card.audiencesRead ? <AudiencesRead read={card.audiencesRead} onReadAgain={onReadAudiencesAgain} /> : null}
      {card.groups.length === 0 ? <p class="muted">{t('cardNoGroups')}</p> : null}
      <ul class="access" data-testid="card-groups">
        {card.groups.map((g) => (
          <li key={g.id}>
            <strong>{g.displayName}</strong>
            {g.audienceOf.length ? <span class="muted"> · {t('cardAudienceOf', g.audienceOf.join(', '))}</span> : null}
            {g.dynamic ? (
              <span class="muted"> · {t('cardGroupDynamic')}</span>
            ) : !g.direct ? (
              <span class="muted"> · {t('cardGroupNested')}</span>
            ) : (
              <ConfirmChange
                label={t('cardRemoveFromGroup')}
                confirmLabel={t('cardConfirmRemoveFromGroup')}
                guest={guest}
                change={{ kind: 'leaveGroup', group: g }}
                onStarted={onStarted}
              />
            )}
          </li>
        ))}
      </ul>
      <h3>{t('cardWorkspaces')}</h3>
      {problem('workspaces')}
      {notRead ? (
        <p class="warning" data-testid="card-workspaces-read">
          {notRead}{' '}
          <button type="button" class="link" onClick={onReadAllWorkspaces}>
            {t('cardReadAllWorkspaces')}
          </button>
        </p>
      ) : null}
      {card.workspaces?.length === 0 ? <p class="muted">{t('cardNoWorkspaces')}</p> : null}
      <ul class="access" data-testid="card-workspaces">
        {(card.workspaces ?? []).map((w) => (
          <li key={w.workspaceId}>
            <strong>{w.role}</strong> {t('cardInWorkspace', w.workspaceName)}
            <ConfirmChange
              label={t('cardRemoveWorkspaceRole')}
              confirmLabel={t('cardConfirmRemoveWorkspaceRole')}
              danger
              guest={guest}
              change={{ kind: 'removeWorkspaceRole', role: w }}
              onStarted={onStarted}
            />
          </li>
        ))}
      </ul>
      <h3>{t('cardAzureRoles')}</h3>
      {problem('azure')}
      {card.azure ? <AzureRoles azure={card.azure} guest={guest} onStarted={onStarted} /> : null}
      <h3>{t('cardLicenses')}</h3>
      {problem('licenses')}
      {card.licenses.length === 0 ? <p class="muted">{t('cardNoLicenses')}</p> : null}
      <ul class="access" data-testid="card-licenses">
        {card.licenses.map((l) => (
          <li key={l.skuId}>
            <strong>{licenseName(l)}</strong>
            <ConfirmChange
              label={t('cardRemoveLicense')}
              confirmLabel={t('cardConfirmRemoveLicense')}
              guest={guest}
              change={{ kind: 'removeLicense', license: l }}
              onStarted={onStarted}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Everything the guest still has, in one line each: what a deletion takes away. */
export function StillHas({ card }: { card: GuestCard }) {
  // Keyed by what each is (names need not be unique: two groups may share one).
  const lines = [
    ...card.groups.map((g) => ({ key: g.id, text: t('cardStillGroup', g.displayName) })),
    ...(card.workspaces ?? []).map((w) => ({
      key: w.workspaceId,
      text: t('cardStillWorkspace', w.role, w.workspaceName),
    })),
    ...azureStillLines(card),
    ...card.licenses.map((l) => ({ key: l.skuId, text: t('cardStillLicense', licenseName(l)) })),
  ];

  return (
    <div data-testid="still-has">
      <p>
        <strong>{t('cardStillHas', card.identity.displayName)}</strong>
      </p>
      {lines.length ? (
        <ul>
          {lines.map((l) => (
            <li key={l.key}>{l.text}</li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('cardStillNothing')}</p>
      )}
    </div>
  );
}
