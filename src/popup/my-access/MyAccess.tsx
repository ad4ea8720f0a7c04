import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { AppError, ErrorCodes } from '../../common/errors.ts';
import { t } from '../../common/i18n.ts';
import type { PageInfo } from '../../common/model.ts';
import { type Activation, MIN_ACTIVE_MS, type MyAccess, type MyRole } from '../../common/my-access.ts';
import { send } from '../../common/send.ts';
import { local } from '../../common/storage.ts';
import { formatDateTime } from '../../logic/format.ts';
import { licenseName } from '../../logic/license-names.ts';
import { notReadWords } from '../../logic/listed.ts';
import { ScopeId } from '../parts/ScopeId.tsx';
import { useStored } from '../parts/use-stored.ts';
import { ActivateForm } from './ActivateForm.tsx';

const when = (iso: string | null) => (iso ? formatDateTime(iso) : '');
const sameRole = (a: Activation, r: MyRole) =>
  a.draft.scope.toLowerCase() === r.scope.toLowerCase() &&
  a.draft.roleDefinitionId.toLowerCase() === r.roleDefinitionId.toLowerCase();
/** The page's resource lies at or under the role's scope. */
const covers = (r: MyRole, scope: string | undefined) =>
  !!scope && `${scope.toLowerCase()}/`.startsWith(`${r.scope.toLowerCase()}/`);

/** Where the latest activation (or early end) of this role stands, in words and with what can be done next. */
function ActivationState({ a, onRetry }: { a: Activation; onRetry: () => void }) {
  const failed = a.steps.find((s) => s.state === 'failed');
  const approval = a.steps.find((s) => s.kind === 'approval');
  if (failed) {
    const claims = failed.code === ErrorCodes.claimsChallenge && !a.claimsMet;
    return (
      <div class="activation" data-testid="activation-state" data-state="failed">
        <ErrorNote
          error={new AppError(failed.code ?? ErrorCodes.unknown, claims ? undefined : (failed.detail ?? failed.error))}
        />
        {claims ? (
          <button type="button" onClick={onRetry}>
            {t('myAccessConfirmSignIn')}
          </button>
        ) : null}
      </div>
    );
  }
  if (approval?.state === 'pending')
    return (
      <p class="activation warning" data-testid="activation-state" data-state="pending-approval">
        {t('myAccessPendingApproval', when(new Date(a.createdAt).toISOString()))}
      </p>
    );
  if (a.status !== 'done')
    return (
      <p class="activation muted" data-testid="activation-state" data-state="running" aria-busy="true">
        {a.waitingFor ?? (a.kind === 'activate' ? t('myAccessActivating') : t('myAccessEnding'))} {t('myAccessCanClose')}
      </p>
    );
  return null;
}

function RoleRow(props: {
  role: MyRole;
  latest?: Activation;
  open: boolean;
  /** Eligible: an activation of it holds now (shown among the active roles). */
  activeNow?: boolean;
  onOpen: () => void;
  onStarted: () => void;
  onRetry: (id: string) => void;
}) {
  const { role, latest } = props;
  const [refused, setRefused] = useState<unknown>(null);
  const busy = latest && latest.status !== 'done';
  const sinceStart = role.start ? Date.now() - Date.parse(role.start) : MIN_ACTIVE_MS;
  const deactivate = () =>
    send('startDeactivation', { scope: role.scope, roleDefinitionId: role.roleDefinitionId, roleName: role.roleName }).then(
      props.onStarted,
      setRefused,
    );
  return (
    <li class="my-role" data-testid={`${role.kind}-role`} data-role={role.roleName}>
      <strong>{role.roleName}</strong>
      {role.words ? <span class="muted"> — {role.words}</span> : null}
      <div class="muted" data-testid="role-scope">
        {role.scopeWords}
      </div>
      <ScopeId scope={role.scope} />
      <div data-testid="role-window">
        {role.kind === 'eligible'
          ? role.end
            ? t('myAccessEligibleUntil', when(role.end))
            : t('myAccessEligibleNoEnd')
          : `${role.end ? t('myAccessActiveUntil', when(role.end)) : t('myAccessActiveNoEnd')}${
              role.assignmentType === 'Activated' ? ` ${t('myAccessActivated')}` : ''
            }`}
      </div>
      {latest && !(props.activeNow && latest.status !== 'done') ? (
        <ActivationState a={latest} onRetry={() => props.onRetry(latest.id)} />
      ) : null}
      {role.kind === 'eligible' && props.activeNow && !busy ? <p class="muted">{t('myAccessActiveNow')}</p> : null}
      {role.kind === 'eligible' && !busy && !props.activeNow ? (
        props.open ? (
          <ActivateForm role={role} onStarted={props.onStarted} />
        ) : (
          <button type="button" onClick={props.onOpen}>
            {t('myAccessActivateOpen')}
          </button>
        )
      ) : null}
      {role.kind === 'active' && role.assignmentType === 'Activated' && !busy ? (
        <div>
          <button type="button" class="secondary" onClick={deactivate}>
            {t('myAccessDeactivate')}
          </button>
          {sinceStart < MIN_ACTIVE_MS ? (
            <span class="muted" data-testid="deactivate-rule">
              {' '}
              {t('myAccessFiveMinutes')}
            </span>
          ) : null}
          {refused ? <ErrorNote error={refused} /> : null}
        </div>
      ) : null}
    </li>
  );
}

/**
 * "My access" (issue 10): what this tenant gives the person signed in, above all a guest: their invitation, the
 * tenants they reach, Azure roles to activate in place, Power BI apps with their licence path, licences, groups.
 */
export function MyAccessView({ page }: { page: PageInfo }) {
  const [access, setAccess] = useState<MyAccess | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [activations, setActivations] = useState<Activation[]>([]);
  const [openRole, setOpenRole] = useState<string | null>(null);
  const [retryError, setRetryError] = useState<unknown>(null);
  const reload = () => send('getMyAccess', {}).then(setAccess, setError);
  const finished = useRef(-1);
  useEffect(() => void reload(), []);
  useStored(
    [local.activations],
    () =>
      void send('getActivations', {}).then((list) => {
        setActivations(list);
        // An activation that ended (or was approved) changes what is active: read it again from Azure.
        const done = list.filter(
          (a) => a.status === 'done' || a.steps.some((s) => s.kind === 'approval' && s.state !== 'pending'),
        ).length;
        if (finished.current !== -1 && done !== finished.current) void reload();
        finished.current = done;
      }, setError),
    [],
  );
  if (!access) return error ? <ErrorNote error={error} /> : <p class="muted">{t('myAccessReading')}</p>;
  const context = page.context;
  const here = context?.kind === 'azure-resource' ? context.scope : undefined;
  const appHere = context?.kind === 'powerbi-app' ? context.appId : undefined;
  // In place: the roles of the page's resource first, and the first of them ready to activate.
  const eligible = [...access.eligible].sort((a, b) => Number(covers(b, here)) - Number(covers(a, here)));
  const opened = openRole ?? (eligible[0] && covers(eligible[0], here) ? `${eligible[0].scope}|${eligible[0].roleId}` : null);
  const latest = (r: MyRole) => [...activations].reverse().find((a) => sameRole(a, r));
  const apps = [...access.apps].sort((a, b) => Number(b.id === appHere) - Number(a.id === appHere));
  const { me } = access;
  const problem = (section: string) =>
    access.problems
      .filter((p) => p.section === section)
      .map((p) => (
        <p key={p.message} class="warning">
          {p.message}
        </p>
      ));
  const retry = (id: string) => send('confirmActivationSignIn', { id }).then(setActivations, setRetryError);
  const row = (r: MyRole) => (
    <RoleRow
      key={`${r.kind}|${r.scope}|${r.roleId}`}
      role={r}
      latest={latest(r)}
      open={opened === `${r.scope}|${r.roleId}`}
      activeNow={
        r.kind === 'eligible' &&
        access.active.some(
          (x) => x.assignmentType === 'Activated' && x.roleId === r.roleId && x.scope.toLowerCase() === r.scope.toLowerCase(),
        )
      }
      onOpen={() => setOpenRole(`${r.scope}|${r.roleId}`)}
      onStarted={() => setOpenRole('')}
      onRetry={retry}
    />
  );
  return (
    <section class="my-access" aria-label={t('myAccessTitle')}>
      <h2>{t('myAccessTitle')}</h2>
      <p data-testid="my-identity">
        {me.displayName} · {me.userType === 'Guest' ? t('myAccessGuest') : t('myAccessMember')}
        {me.userType === 'Guest'
          ? ` · ${t(
              'myAccessInvitation',
              me.externalUserState === 'Accepted' ? t('myAccessAccepted') : (me.externalUserState ?? t('myAccessStateUnknown')),
            )}`
          : ''}
      </p>
      {me.externalUserState === 'PendingAcceptance' ? <p class="warning">{t('myAccessNotAccepted')}</p> : null}
      <h3>{t('myAccessTenants')}</h3>
      {problem('tenants')}
      <ul class="plain" data-testid="my-tenants">
        {access.tenants.map((tenant) => (
          <li key={tenant.tenantId}>
            {tenant.displayName}{' '}
            <span class="muted">
              {tenant.defaultDomain}
              {tenant.category === 'Home' ? ` · ${t('myAccessHome')}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <h3>{t('myAccessAzureRoles')}</h3>
      {problem('roles')}
      {retryError ? <ErrorNote error={retryError} /> : null}
      {access.active.length === 0 && eligible.length === 0 ? <p class="muted">{t('myAccessNoRoles')}</p> : null}
      <ul class="plain" data-testid="my-active">
        {access.active.map(row)}
      </ul>
      <ul class="plain" data-testid="my-eligible">
        {eligible.map(row)}
      </ul>
      <h3>{t('myAccessApps')}</h3>
      {problem('apps')}
      {apps.length === 0 && !access.problems.some((p) => p.section === 'apps') ? (
        <p class="muted">{t('myAccessNoApps')}</p>
      ) : null}
      <ul class="plain" data-testid="my-apps">
        {apps.map((a) => (
          <li key={a.id} data-app={a.name} class={a.id === appHere ? 'here' : undefined}>
            <strong>{a.name}</strong>
            <div data-testid="my-license-path">{a.licensePath.headline}</div>
            <div class="muted">{a.licensePath.reason}</div>
          </li>
        ))}
      </ul>
      <h3>{t('myAccessLicensesGroups')}</h3>
      <p data-testid="my-licenses">
        {access.licenses.length ? access.licenses.map(licenseName).join(', ') : t('myAccessNoLicenses')}
      </p>
      <p data-testid="my-groups">
        {access.groups.length ? t('myAccessGroups', access.groups.map((g) => g.displayName).join(', ')) : t('myAccessNoGroups')}
      </p>
      {notReadWords(access.groupsRead) ? (
        <p class="warning" data-testid="my-groups-read">
          {notReadWords(access.groupsRead)}
        </p>
      ) : null}
      <button type="button" class="link" onClick={() => void reload()}>
        {t('myAccessReadAgain')}
      </button>
    </section>
  );
}
