import { useEffect, useState } from 'preact/hooks';
import type { Feature } from '../../common/config.ts';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import {
  EXTERNAL_FILTER_NAMES,
  type ExternalAccess,
  type ExternalFilter,
  type ExternalPerson,
} from '../../common/external-access.ts';
import { listUnlicensed, personStandingWords } from '../../common/guest-lifecycle.ts';
import { plural, t } from '../../common/i18n.ts';
import type { PageContext } from '../../common/page-context.ts';
import { send } from '../../common/send.ts';
import { formatDate } from '../../logic/format.ts';
import { ConfirmBox } from '../parts/ConfirmBox.tsx';
import { ConsentLine, useConsent } from '../parts/ConsentLine.tsx';
import {
  changeOf,
  changesOf,
  filtered,
  pathWords,
  type Row,
  roleWords,
  rowsOf,
  standingWords,
  takeBackSentence,
} from './external-rows.ts';
import { TakeBackProgress } from './TakeBackProgress.tsx';

const FILTER_WORDS: Record<ExternalFilter, () => string> = {
  neverSignedIn: () => t('externalFilterNeverSignedIn'),
  inactive90: () => t('externalFilterInactive90'),
  pending30: () => t('externalFilterPending30'),
  noSponsor: () => t('externalFilterNoSponsor'),
  permanent: () => t('externalFilterPermanent'),
  broadRole: () => t('externalFilterBroadRole'),
};

/** The page's external access: Azure's by its scope, the others' by the page itself. */
const readAccess = (context: PageContext): Promise<ExternalAccess> =>
  context.kind === 'azure-resource'
    ? send('getExternalAccess', { scope: context.scope })
    : send('getExternalAccessPlace', { context });

/**
 * "External access here" (issue 27): on an Azure resource, resource group or subscription, a Power BI app or
 * workspace, a Power Platform environment, everyone from outside the tenant who can get in, once per path, with the
 * filters owners use; rows chosen are taken back at once, each by the guest card's own removal (an operation of the
 * engine, listed in Activity).
 */
/** The consent a page's list needs: the directory's and ARM's everywhere, and the service of the page (config.ts). */
function featuresFor(context: PageContext): Feature[] {
  if (context.kind === 'powerbi-app' || context.kind === 'powerbi-workspace') return ['externalAccess', 'powerBiAccess'];
  if (context.kind === 'power-platform-environment') return ['externalAccess', 'powerPlatform'];
  return ['externalAccess'];
}

export function ExternalAccessHere({ context }: { context: PageContext }) {
  const [access, setAccess] = useState<ExternalAccess | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [chosenFilters, setChosenFilters] = useState<ExternalFilter[]>([]);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [reads, setReads] = useState(0);
  const [started, setStarted] = useState<string[]>([]);
  // By its words: the shell hands a new object at each render.
  const here = JSON.stringify(context);
  const consent = useConsent(featuresFor(context), { onGranted: () => setReads((n) => n + 1) });
  useEffect(() => {
    if (consent.state !== 'granted') return;
    let live = true;
    setError(null);
    readAccess(context).then(
      (a) => live && setAccess(a),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [here, consent.state, reads]);
  const all = access ? rowsOf(access) : [];
  const shown = access ? filtered(all, access, chosenFilters, Date.now()) : [];
  const toggle = <T,>(set: T[], v: T) => (set.includes(v) ? set.filter((x) => x !== v) : [...set, v]);
  // Only Azure's grants end: elsewhere "permanent" would keep every row.
  const filters = EXTERNAL_FILTER_NAMES.filter((f) => f !== 'permanent' || context.kind === 'azure-resource');
  return (
    <section aria-labelledby="externalTitle" data-testid="external-access">
      <h2 id="externalTitle">{t('externalTitle')}</h2>
      <ConsentLine consent={consent} words={t('externalConsent')} />
      {error ? <ErrorNote error={error} /> : null}
      {consent.state === 'granted' && !access && !error ? (
        <p class="muted" aria-busy="true">
          {t('externalReading')}
        </p>
      ) : null}
      {access ? (
        <>
          {access.signIn !== 'read' ? (
            <p class="muted" data-testid="external-sign-in">
              {access.signIn === 'needsP1' ? t('externalSignInNeedsP1') : t('externalSignInNotPermitted')}
            </p>
          ) : null}
          {listUnlicensed(access.people) ? <p class="muted">{t('lifecycleNeedsGovernance')}</p> : null}
          {(access.notes ?? []).map((note) => (
            <p key={note} class="muted" data-testid="external-note">
              {note}
            </p>
          ))}
          {access.groupsNotRead.length ? (
            <p class="muted">
              {plural(access.groupsNotRead.length, {
                one: () => t('externalGroupsNotReadOne'),
                other: () => t('externalGroupsNotRead', access.groupsNotRead.length),
              })}
            </p>
          ) : null}
          <fieldset class="filters">
            <legend>{t('externalFilters')}</legend>
            {filters.map((f) => (
              <label key={f} class="check">
                <input
                  type="checkbox"
                  checked={chosenFilters.includes(f)}
                  onChange={() => setChosenFilters((c) => toggle(c, f))}
                />{' '}
                {FILTER_WORDS[f]()}
              </label>
            ))}
          </fieldset>
          {shown.length === 0 ? <p class="muted">{all.length ? t('externalNoneFiltered') : t('externalNone')}</p> : null}
          <ul class="choices" data-testid="external-rows">
            {shown.map((r) => (
              <li key={r.key} data-testid="external-row">
                <label class="check top">
                  <input
                    type="checkbox"
                    disabled={!changeOf(r)}
                    checked={picked.has(r.key)}
                    onChange={() => setPicked((p) => new Set(toggle([...p], r.key)))}
                  />{' '}
                  <RowWords row={r} access={access} />
                </label>
              </li>
            ))}
          </ul>
          {started.length ? (
            <p role="status" data-testid="external-started">
              {plural(started.length, {
                one: () => t('externalStartedOne'),
                other: () => t('externalStarted', started.length),
              })}{' '}
              <button
                type="button"
                class="link"
                onClick={() => {
                  setStarted([]);
                  setAccess(null);
                  setReads((n) => n + 1);
                }}
              >
                {t('externalReadAgain')}
              </button>
            </p>
          ) : null}
          <TakeBackProgress ids={started} />
          <TakeBack
            all={all}
            chosen={all.filter((r) => picked.has(r.key))}
            onStarted={(ids) => {
              setPicked(new Set());
              setStarted(ids);
            }}
          />
        </>
      ) : null}
    </section>
  );
}

function personWords(p: ExternalPerson, access: ExternalAccess): string {
  const kind = p.kind === 'guest' ? t('externalGuest') : t('externalMember');
  const invitation =
    p.invitation.state === 'PendingAcceptance'
      ? t('externalPendingSince', p.invitation.since ? formatDate(p.invitation.since) : '?')
      : t('externalRedeemed');
  const sponsors = p.sponsors.length
    ? t('externalSponsors', p.sponsors.map((s) => s.displayName).join(', '))
    : t('externalNoSponsor');
  const signIn =
    access.signIn !== 'read'
      ? t('externalSignInUnknown')
      : p.lastSignIn
        ? t('externalLastSignIn', formatDate(p.lastSignIn))
        : t('externalNeverSignedIn');
  return [kind, invitation, sponsors, signIn].join(' · ');
}

function RowWords({ row, access }: { row: Row; access: ExternalAccess }) {
  const g = row.grant;
  const standing = personStandingWords(row.person, access.signIn, Date.now());
  const grantStanding = standingWords(g);
  return (
    <span>
      <strong>{row.person.displayName}</strong> <span class="muted">{row.person.mail}</span>
      <br />
      {roleWords(g)} · {pathWords(g)}
      {grantStanding ? ` · ${grantStanding}` : ''}
      {g.broad ? ` · ${t('externalBroad')}` : ''}
      {changeOf(row) ? '' : ` · ${t('externalNoRemoval')}`}
      <br />
      <span class="muted">{personWords(row.person, access)}</span>
      {standing ? (
        <>
          <br />
          <span data-testid="external-standing">{standing}</span>
        </>
      ) : null}
    </span>
  );
}

/** The chosen rows' one sentence, its confirmation, and each removal handed to the engine. */
function TakeBack({ all, chosen, onStarted }: { all: Row[]; chosen: Row[]; onStarted: (ids: string[]) => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" class="secondary danger" disabled={chosen.length === 0} onClick={() => setAsking(true)}>
        {t('externalTakeBack', chosen.length)}
      </button>
    );
  const confirm = async () => {
    const ids: string[] = [];
    for (const { row, change } of changesOf(chosen)) {
      const guest = { id: row.person.id, mail: row.person.mail, displayName: row.person.displayName };
      ids.push((await send('startGuestChange', { guest, change })).id);
    }
    setAsking(false);
    onStarted(ids);
  };
  return (
    <ConfirmBox
      label={t('externalTakeBack', chosen.length)}
      confirmLabel={t('externalConfirm', changesOf(chosen).length)}
      danger
      onConfirm={confirm}
      onCancel={() => setAsking(false)}
    >
      <p data-testid="external-sentence">{takeBackSentence(all, chosen)}</p>
    </ConfirmBox>
  );
}
