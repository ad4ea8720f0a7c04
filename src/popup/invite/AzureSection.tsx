import { useState } from 'preact/hooks';
import { t } from '../../common/i18n.ts';
import type { AzureRoleOption, AzureRoles } from '../../logic/azure.ts';
import { formatNumber } from '../../logic/format.ts';
import { type AzureChoice, azureChoiceReady, DEFAULT_AZURE_CHOICE, toSchedule } from '../parts/azure-choice.ts';
import { ScheduleFields } from '../parts/ScheduleFields.tsx';
import type { GrantSection } from './grant-section.ts';

/** Roles a search shows at once. */
const ROLES_SHOWN = 8;

/** The role to grant at exactly this scope: least privileged first, all roles searchable, broad ones confirmed. */
export function AzureSection({
  roles,
  choice,
  onChoice,
}: {
  roles: AzureRoles;
  choice: AzureChoice;
  onChoice: (c: AzureChoice) => void;
}) {
  const [search, setSearch] = useState('');
  const matching = search.trim() ? roles.all.filter((r) => r.name.toLowerCase().includes(search.trim().toLowerCase())) : [];
  // The first few are shown; more than that is said, so the person types more rather than missing a role.
  const found = matching.slice(0, ROLES_SHOWN);
  const pick = (role: AzureRoleOption) => onChoice({ ...choice, role, confirmed: false });
  if (!roles.mayAssign) {
    return (
      <section class="pbi" aria-label={t('azureSectionLabel')}>
        <div class="warning" role="status" data-testid="role-permission">
          {t('azureCannotAssign')}
        </div>
      </section>
    );
  }
  return (
    <section class="pbi" aria-label={t('azureSectionLabel')}>
      <div>
        <strong>{t('azureRoleHere')}</strong> <span class="muted">{t('azureRoleHereNote')}</span>
      </div>
      {[...roles.suggested, ...found.filter((f) => !roles.suggested.some((s) => s.id === f.id))].map((r) => (
        <div class="role-option" key={r.id} title={r.description}>
          <label class="check">
            <input type="radio" name="role" checked={choice.role?.id === r.id} onChange={() => pick(r)} />
            {r.name}
          </label>
          <span class="muted">{r.words}</span>
        </div>
      ))}
      <ScheduleFields choice={choice} onChoice={onChoice} />
      <label for="roleSearch">{t('azureSearch')}</label>
      <input
        id="roleSearch"
        value={search}
        onInput={(e) => setSearch(e.currentTarget.value)}
        placeholder={t('azureSearchPlaceholder')}
      />
      {matching.length > ROLES_SHOWN ? (
        <p class="muted" data-testid="more-roles">
          {t('azureMoreRoles', formatNumber(ROLES_SHOWN), formatNumber(matching.length))}
        </p>
      ) : null}
      {choice.role?.risk ? (
        <div class="warning" role="alert" data-testid="role-risk">
          {choice.role.risk}
          <label class="check">
            <input
              type="checkbox"
              checked={choice.confirmed}
              onChange={(e) => onChoice({ ...choice, confirmed: e.currentTarget.checked })}
            />
            {t('azureGrantAnyway', choice.role.name)}
          </label>
        </div>
      ) : null}
    </section>
  );
}

/** The role's grant in the invite form: on an Azure resource's page whose roles could be read. */
export const azureGrant: GrantSection<{ scope: string; roles: AzureRoles; choice: AzureChoice }> = {
  // Eligible for a bounded time by default: never permanent without an explicit choice.
  when: (data) =>
    data.kind === 'azure' && data.roles ? { scope: data.scope, roles: data.roles, choice: DEFAULT_AZURE_CHOICE } : null,
  Section: ({ state, onState }) => (
    <AzureSection roles={state.roles} choice={state.choice} onChoice={(choice) => onState({ ...state, choice })} />
  ),
  ready: ({ choice }) => azureChoiceReady(choice),
  payload: ({ scope, choice: c }) =>
    c.role ? { azure: { scope, roleId: c.role.id, roleName: c.role.name, schedule: toSchedule(c) } } : {},
};
