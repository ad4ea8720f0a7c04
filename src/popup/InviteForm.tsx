import { useEffect, useState } from 'preact/hooks';
import { session } from '../common/storage.ts';
import type { AzureRoles } from '../shared/azure.ts';
import { DEFAULT_REDIRECT_URL } from '../shared/config.ts';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { describeEmailProblem, emailProblem } from '../shared/email.ts';
import type { AppError } from '../shared/errors.ts';
import { t } from '../shared/i18n.ts';
import { LIMITS } from '../shared/inputs.ts';
import type { ExistingUser, InviteDraft, PageInfo, Precheck } from '../shared/model.ts';
import type { Operation } from '../shared/operation.ts';
import type { PowerPlatformPage } from '../shared/power-platform.ts';
import type { PowerBiPage } from '../shared/powerbi.ts';
import { send } from '../shared/send.ts';
import { AzureSection } from './AzureSection.tsx';
import { type AzureChoice, azureChoiceReady, DEFAULT_AZURE_CHOICE, toSchedule } from './azure-choice.ts';
import { ConsentLine, useConsent } from './ConsentLine.tsx';
import { type PowerBiChoice, PowerBiSection } from './PowerBiSection.tsx';
import {
  choiceProblem,
  initialChoice,
  type PowerPlatformChoice,
  PowerPlatformSection,
  toGrant,
} from './PowerPlatformSection.tsx';
import { blockedByPrecheck, InviteNotes, inviteLabel } from './Prechecks.tsx';
import { UserPicker } from './UserPicker.tsx';

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
  powerBi,
  powerPlatform,
  azureRoles,
  retry,
  onStarted,
}: {
  /** The account signed in: a draft is its own, and of the page it was typed on. */
  accountId: string;
  page: PageInfo;
  powerBi: PowerBiPage | null;
  powerPlatform: PowerPlatformPage | null;
  azureRoles: AzureRoles | null;
  /** An invitation that was refused before anything was done: its draft and the reason, to correct and send again. */
  retry?: { draft: InviteDraft; error: AppError };
  onStarted: (op: Operation) => void;
}) {
  const [draft, setDraft] = useState<InviteDraft | null>(retry?.draft ?? null);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(retry?.error ?? null);
  const [check, setCheck] = useState<Precheck | null>(null);
  const [choice, setChoice] = useState<PowerBiChoice>({ viewer: false });
  const [ppChoice, setPpChoice] = useState<PowerPlatformChoice | null>(null);
  useEffect(() => {
    if (powerPlatform) setPpChoice(initialChoice(powerPlatform));
  }, [powerPlatform]);
  // Eligible for a bounded time by default: never permanent without an explicit choice.
  const [azureChoice, setAzureChoice] = useState<AzureChoice>(DEFAULT_AZURE_CHOICE);

  // One audience group known (admin API or remembered): preselect it.
  useEffect(() => {
    const groups = powerBi?.audience.groups ?? [];
    if (groups.length === 1) setChoice((c) => ({ ...c, group: groups[0] }));
  }, [powerBi]);
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
  useEffect(() => {
    if (retry) return;
    session.inviteDraft.get().then((saved) => {
      const ours = saved && saved.accountId === accountId && saved.page === pageUrl && saved.draft?.email;
      setDraft(ours ? saved.draft : blank(page.url ?? DEFAULT_REDIRECT_URL));
    });
  }, [page.url, pageUrl, accountId, retry]);

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
    const scope = page.context?.kind === 'azure-resource' ? page.context.scope : undefined;
    const role = azureChoice.role;
    const azure = scope && role ? { scope, roleId: role.id, roleName: role.name, schedule: toSchedule(azureChoice) } : undefined;
    const granted = powerBi ? { workspaceId: powerBi.workspace.id, group: choice.group, viewer: choice.viewer } : undefined;
    const environment = powerPlatform && ppChoice ? toGrant(powerPlatform, ppChoice) : undefined;
    // The names typed for the environment make the display name when none was typed.
    const named = [ppChoice?.givenName.trim(), ppChoice?.surname.trim()].filter(Boolean).join(' ');
    if (environment && !invitation.displayName && named) invitation.displayName = named;
    send('startInvitation', {
      invitation,
      ...(azure ? { azure } : {}),
      ...(granted ? { powerBi: granted } : {}),
      ...(environment ? { powerPlatform: environment } : {}),
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
      {azureRoles ? <AzureSection roles={azureRoles} choice={azureChoice} onChoice={setAzureChoice} /> : null}
      {powerBi ? <PowerBiSection page={powerBi} choice={choice} onChoice={setChoice} /> : null}
      {powerPlatform && ppChoice ? <PowerPlatformSection page={powerPlatform} choice={ppChoice} onChoice={setPpChoice} /> : null}
      <ConsentLine consent={consent} words={t('consentInvite')} />
      <InviteNotes check={check} onReset={(user) => sendInvitation(user)} />
      <button
        type="submit"
        disabled={
          busy ||
          blockedByPrecheck(check) ||
          (!!azureRoles && !azureChoiceReady(azureChoice)) ||
          (!!powerPlatform && (!ppChoice || choiceProblem(powerPlatform, ppChoice) !== null))
        }
      >
        {inviteLabel(check, busy)}
      </button>
      {error ? <ErrorNote error={error} /> : null}
    </form>
  );
}
