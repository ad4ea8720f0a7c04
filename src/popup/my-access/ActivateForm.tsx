import { useEffect, useId, useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { t } from '../../common/i18n.ts';
import { type ActivationDraft, activationProblem, type MyRole, minutesWords, type RolePolicy } from '../../common/my-access.ts';
import { send } from '../../common/send.ts';

/** Durations offered, up to what the policy allows (and always its maximum itself). */
function durations(max: number): number[] {
  const steps = [30, 60, 120, 240, 480, 720, 1440].filter((m) => m < max);
  return [...steps, max];
}

/** The activation form of one eligible role: what its policy asks for, checked before anything is sent. */
export function ActivateForm({ role, onStarted }: { role: MyRole; onStarted: () => void }) {
  const [policy, setPolicy] = useState<RolePolicy | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [hours, setHours] = useState('');
  const [justification, setJustification] = useState('');
  const [ticketNumber, setTicketNumber] = useState('');
  const [ticketSystem, setTicketSystem] = useState('');
  const [later, setLater] = useState(false);
  const [start, setStart] = useState('');
  const [sending, setSending] = useState(false);
  // One list per form: the same role may be eligible at two scopes, each with its own policy.
  const durationList = useId();
  useEffect(() => {
    send('getRolePolicy', { scope: role.scope, roleDefinitionId: role.roleDefinitionId }).then((p) => {
      setPolicy(p);
      setHours(String(Math.min(p.maxMinutes, 60) / 60));
    }, setError);
  }, [role.scope, role.roleDefinitionId]);
  if (error && !policy) return <ErrorNote error={error} />;
  if (!policy) return <p class="muted">{t('myAccessReadingPolicy')}</p>;
  const submit = (e: Event) => {
    e.preventDefault();
    const draft: ActivationDraft = {
      scope: role.scope,
      roleDefinitionId: role.roleDefinitionId,
      roleName: role.roleName,
      eligibilityScheduleId: role.eligibilityScheduleId ?? '',
      minutes: Math.round(Number(hours) * 60),
      justification,
      ticketNumber,
      ticketSystem,
      start: later && start ? new Date(start).toISOString() : null,
    };
    const why = later && !start ? t('myAccessChooseStart') : activationProblem(draft, policy, Date.now());
    setProblem(why);
    if (why) return;
    setSending(true);
    send('startActivation', draft).then(onStarted, (err) => {
      setSending(false);
      setError(err);
    });
  };
  return (
    <form class="activate" aria-label={t('myAccessActivateRole', role.roleName)} onSubmit={submit} noValidate>
      <p class="muted" data-testid="policy">
        {t('myAccessAtMost', minutesWords(policy.maxMinutes))}
        {policy.justification ? ` · ${t('myAccessJustificationRequired')}` : ''}
        {policy.ticket ? ` · ${t('myAccessTicketRequired')}` : ''}
        {policy.approval ? ` · ${t('myAccessNeedsApproval')}` : ''}
        {policy.mfa || policy.authContext ? ` · ${t('myAccessConfirmsSignIn')}` : ''}
      </p>
      <label>
        {t('myAccessDurationHours')}
        <input
          type="number"
          min="0.25"
          step="0.25"
          list={durationList}
          value={hours}
          onInput={(e) => setHours(e.currentTarget.value)}
        />
      </label>
      <datalist id={durationList}>
        {durations(policy.maxMinutes).map((m) => (
          <option key={m} value={m / 60} label={minutesWords(m)} />
        ))}
      </datalist>
      <label>
        {policy.justification ? t('myAccessJustification') : t('myAccessJustificationOptional')}
        <textarea maxLength={500} value={justification} onInput={(e) => setJustification(e.currentTarget.value)} />
      </label>
      {policy.ticket ? (
        <div class="row">
          <label>
            {t('myAccessTicketNumber')}
            <input maxLength={100} value={ticketNumber} onInput={(e) => setTicketNumber(e.currentTarget.value)} />
          </label>
          <label>
            {t('myAccessTicketSystem')}
            <input maxLength={100} value={ticketSystem} onInput={(e) => setTicketSystem(e.currentTarget.value)} />
          </label>
        </div>
      ) : null}
      <label class="check">
        <input type="checkbox" checked={later} onChange={(e) => setLater(e.currentTarget.checked)} />
        {t('myAccessStartLater')}
      </label>
      {later ? (
        <label>
          {t('myAccessStartsAt')}
          <input type="datetime-local" value={start} onInput={(e) => setStart(e.currentTarget.value)} />
        </label>
      ) : null}
      {problem ? (
        <p class="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {error ? <ErrorNote error={error} /> : null}
      <button type="submit" disabled={sending}>
        {policy.approval ? t('myAccessRequestActivation') : t('myAccessActivate')}
      </button>
    </form>
  );
}
