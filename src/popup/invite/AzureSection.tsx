import { useState } from 'preact/hooks';
import { t } from '../../common/i18n.ts';
import { scopeParts } from '../../common/page-context.ts';
import { type AzureRoleOption, type AzureRoles, scheduleEnd } from '../../logic/azure.ts';
import { formatDate, formatNumber } from '../../logic/format.ts';
import { type AzureChoice, azureChoiceProblem, DEFAULT_AZURE_CHOICE, toSchedule } from '../parts/azure-choice.ts';
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
      {/* When the chosen role holds, right under the roles: said once there is a role to hold. */}
      {choice.role ? <ScheduleFields choice={choice} onChoice={onChoice} /> : null}
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

/** Where the role holds, in the words of a sentence: the resource's name, its resource group, or the subscription. */
function scopeInWords(scope: string): string {
  const p = scopeParts(scope);
  if (p.name) return p.name;
  // The subscription's name is on the page line above; the sentence points at it rather than show its id.
  return p.resourceGroup ? t('shellScopeGroup', p.resourceGroup) : t('sentenceThisSubscription');
}

/** "make them eligible for Reader on stdata01 until Dec 14, 2026": the role, where, and until when, dates through Intl. */
export function azureSentence(scope: string, c: AzureChoice, now = Date.now()): string | null {
  if (azureChoiceProblem(c, now)) return null;
  if (!c.role) return t('sentenceAzureNoRole', scopeInWords(scope));
  const s = toSchedule(c);
  const start = s.start ? formatDate(s.start) : null;
  const endAt = scheduleEnd(s, new Date(s.start ?? now));
  const end = endAt ? formatDate(endAt) : null;
  const when = start
    ? end
      ? t('sentenceFromUntil', start, end)
      : t('sentenceFromNoEnd', start)
    : end
      ? t('sentenceUntil', end)
      : t('sentenceNoEnd');
  const where = scopeInWords(scope);
  return c.kind === 'eligible'
    ? t('sentenceAzureEligible', c.role.name, where, when)
    : t('sentenceAzureActive', c.role.name, where, when);
}

/** The role's grant in the invite form: on an Azure resource's page whose roles could be read. */
export const azureGrant: GrantSection<{ scope: string; roles: AzureRoles; choice: AzureChoice }> = {
  // Eligible for a bounded time by default: never permanent without an explicit choice.
  when: (data) =>
    data.kind === 'azure' && data.roles ? { scope: data.scope, roles: data.roles, choice: DEFAULT_AZURE_CHOICE } : null,
  Section: ({ state, onState }) => (
    <AzureSection roles={state.roles} choice={state.choice} onChoice={(choice) => onState({ ...state, choice })} />
  ),
  problem: ({ choice }) => azureChoiceProblem(choice),
  sentence: ({ scope, roles, choice }) => (roles.mayAssign ? azureSentence(scope, choice) : null),
  payload: ({ scope, choice: c }) =>
    c.role ? { azure: { scope, roleId: c.role.id, roleName: c.role.name, schedule: toSchedule(c) } } : {},
};
