import { useEffect, useMemo, useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import type { AppError } from '../../common/errors.ts';
import { t } from '../../common/i18n.ts';
import type { ExistingUser, InviteDraft, PageInfo, Precheck } from '../../common/model.ts';
import type { Operation } from '../../common/operation.ts';
import type { PageData } from '../../common/page-data.ts';
import { send } from '../../common/send.ts';
import { session } from '../../common/storage.ts';
import { describeEmailProblem, emailProblem } from '../../logic/email.ts';
import { LIMITS } from '../../logic/inputs.ts';
import { guestRedirect } from '../../logic/redirect.ts';
import { ConsentLine, useConsent } from '../parts/ConsentLine.tsx';
import { UserPicker } from '../parts/UserPicker.tsx';
import type { GrantPayload } from './grant-section.ts';
import { GRANT_SECTIONS } from './grant-sections.ts';
import { blockedByPrecheck, InviteNotes, inviteLabel } from './Prechecks.tsx';

export const blank = (redirectUrl: string): InviteDraft => ({
  email: '',
  displayName: '',
  message: '',
  redirectUrl,
  sendEmail: true,
  userType: /* not text */ 'Guest',
});

export function InviteForm({
  accountId,
  page,
  data,
  retry,
  onStarted,
}: {
  /** The account signed in: a draft is its own, and of the page it was typed on. */
  accountId: string;
  page: PageInfo;
  /** What the services said about the page: which grant sections it offers. */
  data: PageData | null;
  /** An invitation that was refused before anything was done: its draft and the reason, to correct and send again. */
  retry?: { draft: InviteDraft; error: AppError };
  onStarted: (op: Operation) => void;
}) {
  const [draft, setDraft] = useState<InviteDraft | null>(retry?.draft ?? null);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(retry?.error ?? null);
  const [check, setCheck] = useState<Precheck | null>(null);
  // Each grant section's state, begun afresh from what the services say about the page (null: not offered here).
  const begun = useMemo(() => GRANT_SECTIONS.map((g) => (data ? g.when(data) : null)), [data]);
  const [held, setHeld] = useState({ from: data, states: begun });
  const states = held.from === data ? held.states : begun;
  const offered = GRANT_SECTIONS.flatMap((grant, i) => (states[i] == null ? [] : [{ grant, i, state: states[i] }]));
  const setState = (i: number, state: unknown) => setHeld({ from: data, states: states.map((s, j) => (j === i ? state : s)) });
  const email = draft?.email.trim() ?? '';
  const emailOk = !!draft && !emailProblem(draft.email);

  // Pre-checks run as the address is typed (debounced); a late answer for an older address is dropped, and what the
  // last answer said about its address (with its Reset button) goes as soon as the address changes. Whether the
  // signed-in person may invite at all still holds. They read with the invite scopes: until those are granted, the
  // person is asked for them instead (ConsentLine).
  const consent = useConsent(['invite']);
  const mayRead = consent.state === 'granted';
  useEffect(() => {
    let current = true;
    setCheck((c) => c && { ...c, existing: null });
    if (!mayRead) return;
    const timer = setTimeout(
      () => {
        send('precheck', emailOk ? { email } : {}).then(
          (c) => current && setCheck(c),
          () => current && setCheck(null),
        );
      },
      emailOk ? 400 : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [email, emailOk, mayRead]);

  // A draft survives the popup closing, for the same account on the same page; elsewhere a fresh one follows the
  // page the tab is on (its redirect too), and nothing typed for another account or page is offered.
  const pageUrl = page.url ?? '';
  const redirect = guestRedirect(page, data);
  useEffect(() => {
    if (retry) return;
    session.inviteDraft.get().then((saved) => {
      const ours = saved && saved.accountId === accountId && saved.page === pageUrl && saved.draft?.email;
      setDraft(ours ? saved.draft : blank(redirect));
    });
  }, [redirect, pageUrl, accountId, retry]);

  if (!draft) return null;
  const update = (patch: Partial<InviteDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    void session.inviteDraft.set({ accountId, page: pageUrl, draft: next });
  };

  const problem = emailProblem(draft.email);
  /** Hands the invitation and its grants to the background, which runs them to the end with or without the popup. */
  const sendInvitation = (resetOf?: ExistingUser) => {
    setTouched(true);
    if (problem) return;
    setBusy(true);
    setError(null);
    const invitation = {
      ...draft,
      displayName: draft.displayName || undefined,
      message: draft.message || undefined,
      ...(resetOf ? { resetRedemptionOf: resetOf.id } : {}),
    };
    const { displayName, ...granted }: GrantPayload = Object.assign({}, ...offered.map((o) => o.grant.payload(o.state)));
    if (!invitation.displayName && displayName) invitation.displayName = displayName;
    send('startInvitation', {
      invitation,
      ...granted,
      ...(pageUrl && pageUrl.length <= LIMITS.url ? { page: pageUrl } : {}),
    })
      .then((op) => {
        // Started: the draft is spent, so nothing is sent twice by accident.
        void session.inviteDraft.remove();
        onStarted(op);
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };
  const submit = (e: Event) => {
    e.preventDefault();
    sendInvitation();
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('inviteTitle')}>
      <h2>{t('inviteTitle')}</h2>
      <label for="email">{t('inviteEmail')}</label>
      <input
        id="email"
        type="email"
        autocomplete="off"
        value={draft.email}
        aria-invalid={touched && !!problem}
        onInput={(e) => update({ email: e.currentTarget.value })}
        onBlur={() => setTouched(!!draft.email)}
      />
      {touched && problem ? (
        <div class="field-error" role="alert">
          {describeEmailProblem(problem)}
        </div>
      ) : null}
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
      {offered.map(({ grant, i, state }) => (
        <grant.Section key={i} state={state} onState={(next) => setState(i, next)} />
      ))}
      <ConsentLine consent={consent} words={t('consentInvite')} />
      <InviteNotes check={check} onReset={(user) => sendInvitation(user)} />
      <button
        type="submit"
        disabled={busy || blockedByPrecheck(check) || offered.some(({ grant, state }) => !grant.ready(state))}
      >
        {inviteLabel(check, busy)}
      </button>
      {error ? <ErrorNote error={error} /> : null}
    </form>
  );
}
