import { useEffect, useState } from 'preact/hooks';
import type { AzureAssignment, AzureRoles } from '../shared/azure.ts';
import { DEFAULT_REDIRECT_URL } from '../shared/config.ts';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { describeEmailProblem, emailProblem } from '../shared/email.ts';
import type { ExistingUser, InvitationResult, InviteDraft, PageInfo, Precheck } from '../shared/model.ts';
import type { PowerBiGrant, PowerBiPage } from '../shared/powerbi.ts';
import { send } from '../shared/send.ts';
import { session } from '../shared/storage.ts';
import { AzureSection } from './AzureSection.tsx';
import { type AzureChoice, azureChoiceReady, DEFAULT_AZURE_CHOICE, toSchedule } from './azure-choice.ts';
import { InviteResult } from './InviteResult.tsx';
import { type PowerBiChoice, PowerBiSection } from './PowerBiSection.tsx';
import { blockedByPrecheck, InviteNotes, inviteLabel } from './Prechecks.tsx';

const blank = (redirectUrl: string): InviteDraft => ({
  email: '',
  displayName: '',
  message: '',
  redirectUrl,
  sendEmail: true,
  userType: 'Guest',
});

export function InviteForm({
  page,
  powerBi,
  azureRoles,
}: {
  page: PageInfo;
  powerBi: PowerBiPage | null;
  azureRoles: AzureRoles | null;
}) {
  const [draft, setDraft] = useState<InviteDraft | null>(null);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<InvitationResult | null>(null);
  const [check, setCheck] = useState<Precheck | null>(null);
  const [choice, setChoice] = useState<PowerBiChoice>({ viewer: false });
  const [grant, setGrant] = useState<PowerBiGrant | null>(null);
  // Eligible for a bounded time by default: never permanent without an explicit choice.
  const [azureChoice, setAzureChoice] = useState<AzureChoice>(DEFAULT_AZURE_CHOICE);
  const [assignment, setAssignment] = useState<(AzureAssignment & { roleName: string }) | null>(null);
  const [assigning, setAssigning] = useState(false);

  // One audience group known (admin API or remembered): preselect it.
  useEffect(() => {
    const groups = powerBi?.audience.groups ?? [];
    if (groups.length === 1) setChoice((c) => ({ ...c, group: groups[0] }));
  }, [powerBi]);
  const email = draft?.email.trim() ?? '';
  const emailOk = !!draft && !emailProblem(draft.email);

  // Pre-checks run as the address is typed (debounced); a late answer for an older address is dropped, and what the
  // last answer said about its address (with its Reset button) goes as soon as the address changes. Whether the
  // signed-in person may invite at all still holds.
  useEffect(() => {
    let current = true;
    setCheck((c) => c && { ...c, existing: null });
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
  }, [email, emailOk]);

  // A draft survives the popup closing; a fresh one follows the page the tab is on.
  useEffect(() => {
    session.get('inviteDraft').then((saved) => {
      setDraft(saved?.email ? saved : blank(page.url ?? DEFAULT_REDIRECT_URL));
    });
  }, [page.url]);

  if (!draft) return null;
  const update = (patch: Partial<InviteDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    void session.set('inviteDraft', next);
  };

  const problem = emailProblem(draft.email);
  const sendInvitation = (resetOf?: ExistingUser) => {
    setTouched(true);
    if (problem) return;
    setBusy(true);
    setError(null);
    const request = { ...draft, displayName: draft.displayName || undefined, message: draft.message || undefined };
    send('inviteGuest', resetOf ? { ...request, resetRedemptionOf: resetOf.id } : request)
      .then(async (r) => {
        // Invite first, then grant: the guest must exist before a group or workspace can hold them.
        const scope = page.context?.kind === 'azure-resource' ? page.context.scope : undefined;
        if (scope && azureChoice.role) {
          setAssigning(true);
          const role = azureChoice.role;
          const made = await send('assignAzureRole', {
            scope,
            roleId: role.id,
            principalId: r.guest.id,
            schedule: toSchedule(azureChoice),
          }).finally(() => setAssigning(false));
          setAssignment({ ...made, roleName: role.name });
        }
        if (powerBi) {
          const { group, viewer } = choice;
          setGrant(
            await send('grantPowerBiAccess', {
              workspaceId: powerBi.workspace.id,
              userId: r.guest.id,
              email: r.guest.email,
              group,
              viewer,
            }),
          );
        }
        setResult(r);
        void session.remove('inviteDraft');
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };
  const submit = (e: Event) => {
    e.preventDefault();
    sendInvitation();
  };

  if (result) {
    return (
      <InviteResult
        grant={grant}
        assignment={assignment}
        result={result}
        onAnother={() => {
          setResult(null);
          setTouched(false);
          setDraft(blank(page.url ?? DEFAULT_REDIRECT_URL));
        }}
      />
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label="Invite a guest">
      <h2>Invite a guest</h2>
      <label for="email">E-mail address</label>
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
        Display name <span class="muted">(optional)</span>
      </label>
      <input id="displayName" value={draft.displayName} onInput={(e) => update({ displayName: e.currentTarget.value })} />
      <label for="message">
        Personal message <span class="muted">(optional)</span>
      </label>
      <textarea id="message" rows={2} value={draft.message} onInput={(e) => update({ message: e.currentTarget.value })} />
      <label for="redirectUrl">After accepting, open</label>
      <input
        id="redirectUrl"
        type="url"
        value={draft.redirectUrl}
        onInput={(e) => update({ redirectUrl: e.currentTarget.value })}
      />
      <label class="check">
        <input type="checkbox" checked={draft.sendEmail} onChange={(e) => update({ sendEmail: e.currentTarget.checked })} />
        Send the invitation e-mail
      </label>
      <fieldset>
        <legend>Invite as</legend>
        {(['Guest', 'Member'] as const).map((t) => (
          <label class="check" key={t}>
            <input
              type="radio"
              name="userType"
              value={t}
              checked={draft.userType === t}
              onChange={() => update({ userType: t })}
            />
            {t}
          </label>
        ))}
      </fieldset>
      {azureRoles ? <AzureSection roles={azureRoles} choice={azureChoice} onChoice={setAzureChoice} /> : null}
      {powerBi ? <PowerBiSection page={powerBi} choice={choice} onChoice={setChoice} /> : null}
      <InviteNotes check={check} onReset={(user) => sendInvitation(user)} />
      <button type="submit" disabled={busy || blockedByPrecheck(check) || (!!azureRoles && !azureChoiceReady(azureChoice))}>
        {inviteLabel(check, busy)}
      </button>
      {assigning ? (
        <p class="muted" role="status" data-testid="assign-progress">
          Invitation sent. Assigning the role; Azure can take a moment to see a new guest…
        </p>
      ) : null}
      {error ? <ErrorNote error={error} /> : null}
    </form>
  );
}
