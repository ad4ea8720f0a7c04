import { isUsageLocation } from '../shared/inputs.ts';
import type { PowerPlatformGrantRequest, PowerPlatformPage } from '../shared/power-platform.ts';
import { environmentUrl } from '../shared/power-platform.ts';

export interface PowerPlatformChoice {
  givenName: string;
  surname: string;
  usageLocation: string;
  skuId: string;
  roleId: string;
  /** A broad role (System Administrator) was confirmed. */
  confirmed: boolean;
}

export const initialChoice = (page: PowerPlatformPage): PowerPlatformChoice => ({
  givenName: '',
  surname: '',
  usageLocation: page.tenantCountry ?? '',
  skuId: '',
  roleId: page.roles.find((r) => r.name === 'Basic User')?.id ?? '',
  confirmed: false,
});

/** Why the choice cannot be sent as it is, in words, or null. */
export function choiceProblem(page: PowerPlatformPage, c: PowerPlatformChoice): string | null {
  if (c.skuId && !isUsageLocation(c.usageLocation.trim().toUpperCase()))
    return 'A licence needs the guest’s usage location (the country where they use it, as two letters such as NL): Microsoft refuses the licence without it. Type it, or choose no licence.';
  const role = page.roles.find((r) => r.id === c.roleId);
  if (role?.confirm && !c.confirmed) return `Confirm that the guest should be ${role.name} of this environment.`;
  return null;
}

/** The grant the background runs with the invitation. */
export function toGrant(page: PowerPlatformPage, c: PowerPlatformChoice): PowerPlatformGrantRequest {
  const env = page.environment;
  // Only a Power Platform admin may add a user to an environment ("add user"): a maker invites and licenses only.
  const enters = !!env.instanceUrl && env.asAdmin;
  const role = page.roles.find((r) => r.id === c.roleId);
  const sku = page.licences.find((l) => l.skuId === c.skuId);
  const usageLocation = c.usageLocation.trim().toUpperCase();
  return {
    environmentId: env.id,
    environmentName: env.displayName,
    url: environmentUrl(env),
    ...(env.instanceUrl ? { instanceUrl: env.instanceUrl } : {}),
    ...(page.securityGroup ? { securityGroup: page.securityGroup } : {}),
    ...(role && enters ? { role: { id: role.id, name: role.name } } : {}),
    ...(sku ? { licence: { skuId: sku.skuId, name: sku.name } } : {}),
    profile: {
      givenName: c.givenName,
      surname: c.surname,
      ...(isUsageLocation(usageLocation) ? { usageLocation } : {}),
    },
  };
}

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
    <section class="pbi" aria-label="Power Platform environment">
      <div data-testid="pp-title">
        <strong>{env.displayName}</strong> · {env.type} · {env.region}
      </div>
      <div class="muted">{env.instanceUrl ? `Dataverse: ${env.instanceUrl}` : 'No Dataverse in this environment.'}</div>
      <div data-testid="pp-group">
        {page.securityGroup
          ? `Only members of ${page.securityGroup.displayName} may enter: the guest is added to it.`
          : 'No security group limits who may enter.'}
      </div>
      <label for="givenName">First name</label>
      <input id="givenName" value={choice.givenName} onInput={(e) => set({ givenName: e.currentTarget.value })} />
      <label for="surname">Last name</label>
      <input id="surname" value={choice.surname} onInput={(e) => set({ surname: e.currentTarget.value })} />
      <label for="ppUsage">Usage location (two-letter country code)</label>
      <input
        id="ppUsage"
        maxLength={2}
        value={choice.usageLocation}
        onInput={(e) => set({ usageLocation: e.currentTarget.value })}
      />
      <label for="ppLicence">Licence</label>
      <select id="ppLicence" value={choice.skuId} onChange={(e) => set({ skuId: e.currentTarget.value })}>
        <option value="">No licence (they bring their own, or the app needs none)</option>
        {page.licences.map((l) => (
          <option key={l.skuId} value={l.skuId} disabled={l.free <= 0}>
            {l.name} ({l.free} free)
          </option>
        ))}
      </select>
      {env.instanceUrl && !env.asAdmin ? (
        <p class="warning" data-testid="pp-not-admin">
          Adding the guest to this environment's Dataverse and giving a security role takes a Power Platform administrator: you
          can invite, add them to the security group and license them; an admin adds them to the environment.
        </p>
      ) : null}
      {env.instanceUrl && env.asAdmin ? (
        <fieldset>
          <legend>Security role</legend>
          {page.roles.map((r) => (
            <label class="check role-option" key={r.id}>
              <input
                type="radio"
                name="ppRole"
                checked={choice.roleId === r.id}
                onChange={() => set({ roleId: r.id, confirmed: false })}
              />
              {r.name} {r.note ? <span class="muted">{r.note}</span> : null}
            </label>
          ))}
        </fieldset>
      ) : null}
      {role?.confirm ? (
        <label class="check warning">
          <input type="checkbox" checked={choice.confirmed} onChange={(e) => set({ confirmed: e.currentTarget.checked })} />
          Yes, make this guest {role.name}: full control of the environment and its data.
        </label>
      ) : null}
      {role?.name === 'Environment Maker' && page.guestsMayMake !== true ? (
        <p class="warning" data-testid="pp-makers">
          {page.guestsMayMake === false
            ? 'This tenant does not let guests make apps, so the guest can run apps but not build them. A Power Platform admin can allow it in the Power Platform admin center › Settings › Tenant settings (“Let guests make apps”, enableGuestsToMake).'
            : 'Whether guests may make apps here could not be read (it needs a Power Platform admin).'}
        </p>
      ) : null}
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
