import { t } from '../../common/i18n.ts';
import { formatNumber } from '../../logic/format.ts';
import type { PowerPlatformPage } from '../../logic/power-platform.ts';
import { CountryPicker } from '../parts/LazyCountryPicker.tsx';
import { andList, type GrantSection } from './grant-section.ts';
import { choiceProblem, initialChoice, type PowerPlatformChoice, toGrant } from './power-platform-choice.ts';

/** The environment the page shows, and what the guest gets in it. */
export function PowerPlatformSection({
  page,
  choice,
  onChoice,
}: {
  page: PowerPlatformPage;
  choice: PowerPlatformChoice;
  onChoice: (c: PowerPlatformChoice) => void;
}) {
  const env = page.environment;
  const set = (patch: Partial<PowerPlatformChoice>) => onChoice({ ...choice, ...patch });
  const role = page.roles.find((r) => r.id === choice.roleId);
  const problem = choiceProblem(page, choice);
  return (
    <section class="pbi" aria-label={t('ppSectionLabel')}>
      <div data-testid="pp-title">
        <strong>{env.displayName}</strong> · {env.type} · {env.region}
      </div>
      <div class="muted">{env.instanceUrl ? t('ppDataverse', env.instanceUrl) : t('ppNoDataverse')}</div>
      <div data-testid="pp-group">{page.securityGroup ? t('ppGroupLimits', page.securityGroup.displayName) : t('ppNoGroup')}</div>
      {env.instanceUrl && !env.asAdmin ? (
        <p class="warning" data-testid="pp-not-admin">
          {t('ppNotAdmin')}
        </p>
      ) : null}
      {env.instanceUrl && env.asAdmin ? (
        <fieldset data-testid="pp-roles">
          <legend>{t('ppSecurityRole')}</legend>
          {page.roles.map((r) => (
            // The name on its own line beside its radio, the note under it: a long note never squeezes the name.
            <div class="role-option" key={r.id}>
              <label class="check">
                <input
                  type="radio"
                  name="ppRole"
                  checked={choice.roleId === r.id}
                  onChange={() => set({ roleId: r.id, confirmed: false })}
                />
                {r.name}
              </label>
              {r.note ? <span class="muted">{r.note}</span> : null}
            </div>
          ))}
        </fieldset>
      ) : null}
      {role?.confirm ? (
        <label class="check warning">
          <input type="checkbox" checked={choice.confirmed} onChange={(e) => set({ confirmed: e.currentTarget.checked })} />
          {t('ppConfirmAdmin', role.name)}
        </label>
      ) : null}
      {role?.name === 'Environment Maker' && page.guestsMayMake !== true ? (
        <p class="warning" data-testid="pp-makers">
          {page.guestsMayMake === false ? t('ppGuestsMayNotMake') : t('ppGuestsMakeUnknown')}
        </p>
      ) : null}
      <label for="ppLicense">{t('activityLicense')}</label>
      <select id="ppLicense" value={choice.skuId} onChange={(e) => set({ skuId: e.currentTarget.value })}>
        <option value="">{t('ppNoLicense')}</option>
        {page.licenses.map((l) => (
          <option key={l.skuId} value={l.skuId} disabled={l.free <= 0}>
            {t('ppLicenseFree', l.name, formatNumber(l.free))}
          </option>
        ))}
      </select>
      <CountryPicker id="ppUsage" value={choice.usageLocation} onChange={(usageLocation) => set({ usageLocation })} />
      <label for="givenName">{t('ppGivenName')}</label>
      <input id="givenName" value={choice.givenName} onInput={(e) => set({ givenName: e.currentTarget.value })} />
      <label for="surname">{t('ppSurname')}</label>
      <input id="surname" value={choice.surname} onInput={(e) => set({ surname: e.currentTarget.value })} />
      {problem ? (
        <p class="field-error" role="alert" data-testid="pp-problem">
          {problem}
        </p>
      ) : null}
      {page.problems.map((p) => (
        <p class="warning" key={p}>
          {p}
        </p>
      ))}
    </section>
  );
}

/** The environment's grant in the invite form: on an environment's page that could be read. */
export const powerPlatformGrant: GrantSection<{ page: PowerPlatformPage; choice: PowerPlatformChoice }> = {
  when: (data) => (data.kind === 'power-platform' && data.page ? { page: data.page, choice: initialChoice(data.page) } : null),
  Section: ({ state, onState }) => (
    <PowerPlatformSection page={state.page} choice={state.choice} onChoice={(choice) => onState({ ...state, choice })} />
  ),
  problem: ({ page, choice }) => choiceProblem(page, choice),
  sentence: ({ page, choice }) => {
    const grant = toGrant(page, choice);
    const parts: string[] = [];
    if (grant.role) parts.push(t('sentencePpRole', grant.environmentName, grant.role.name));
    else if (grant.securityGroup) parts.push(t('sentencePpGroup', grant.securityGroup.displayName));
    if (grant.license) parts.push(t('sentencePpLicense', grant.license.name));
    return parts.length ? andList(parts) : null;
  },
  payload: ({ page, choice }) => {
    // The names typed for the environment make the display name when none was typed.
    const named = [choice.givenName.trim(), choice.surname.trim()].filter(Boolean).join(' ');
    return { powerPlatform: toGrant(page, choice), ...(named ? { displayName: named } : {}) };
  },
};
