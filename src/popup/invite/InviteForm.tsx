import { useEffect, useRef, useState } from 'preact/hooks';
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
import { ActionBar, describeAction } from './ActionBar.tsx';
import type { GrantPayload } from './grant-section.ts';
import { MoreOptions } from './MoreOptions.tsx';
import { InviteNotes, inviteLabel } from './Prechecks.tsx';
import { useGrantSections } from './use-grant-sections.ts';

export const blank = (redirectUrl: string): InviteDraft => ({
  email: '',
  displayName: '',
  message: '',
  redirectUrl,
  sendEmail: true,
  userType: /* not text */ 'Guest',
});

/**
 * The invitation: the address, then what the page offers (its grant sections), the fields every invitation has under
 * "More options", and a bar at the foot saying what Invite will do. What is said about the address (its problem, the
 * pre-checks, a refusal) stands right under it.
 */
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
  const { offered, setState } = useGrantSections(data);
  const email = draft?.email.trim() ?? '';
  const emailOk = !!draft && !emailProblem(draft.email);
  const emailField = useRef<HTMLInputElement>(null);
  const refusal = useRef<HTMLDivElement>(null);

  // A refusal is read out, focused and in view where it was put, beside the address: never left below the fold.
  useEffect(() => {
    if (error) refusal.current?.focus();
  }, [error]);

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
    if (problem) {
      // The click is answered where the problem is: the address, with its problem under it, in view.
      emailField.current?.focus();
      return;
    }
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
  const action = describeAction({
    draft,
    check,
    consent: consent.state,
    grants: offered.map(({ grant, state }) => ({ problem: grant.problem(state), sentence: () => grant.sentence(state) })),
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('inviteTitle')} class="invite">
      {/* The tab above says it already; the heading stays for those who move by headings. */}
      <h2 class="sr-only">{t('inviteTitle')}</h2>
      <label for="email">{t('inviteEmail')}</label>
      <input
        id="email"
        ref={emailField}
        type="email"
        autocomplete="off"
        value={draft.email}
        aria-invalid={touched && !!problem}
        aria-describedby="email-verdicts"
        onInput={(e) => update({ email: e.currentTarget.value })}
        onBlur={() => setTouched(!!draft.email)}
      />
      <div id="email-verdicts">
        {touched && problem ? (
          <div class="field-error" role="alert">
            {describeEmailProblem(problem)}
          </div>
        ) : null}
        <InviteNotes check={check} onReset={(user) => sendInvitation(user)} />
        {error ? (
          <div ref={refusal} tabIndex={-1} class="refusal" data-testid="refusal">
            <ErrorNote error={error} />
          </div>
        ) : null}
      </div>
      {offered.map(({ grant, i, state }) => (
        <grant.Section key={i} state={state} onState={(next) => setState(i, next)} />
      ))}
      <MoreOptions draft={draft} update={update} />
      <ConsentLine consent={consent} words={t('consentInvite')} />
      <ActionBar action={action} label={inviteLabel(check, busy)} busy={busy} />
    </form>
  );
}
