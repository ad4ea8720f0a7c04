import { useState } from 'preact/hooks';
import type { AzureRoleOption, AzureRoles } from '../shared/azure.ts';
import type { AzureChoice } from './azure-choice.ts';
import { ScheduleFields } from './ScheduleFields.tsx';

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
  const found = search.trim()
    ? roles.all.filter((r) => r.name.toLowerCase().includes(search.trim().toLowerCase())).slice(0, 8)
    : [];
  const pick = (role: AzureRoleOption) => onChoice({ ...choice, role, confirmed: false });
  if (!roles.mayAssign) {
    return (
      <section class="pbi" aria-label="Azure role">
        <div class="warning" role="status" data-testid="role-permission">
          You cannot assign roles here: that needs Microsoft.Authorization/roleAssignments/write at this scope, which Owner, User
          Access Administrator and Role Based Access Control Administrator have. You can still invite; ask an owner of this
          resource to grant the role.
        </div>
      </section>
    );
  }
  return (
    <section class="pbi" aria-label="Azure role">
      <div>
        <strong>Role at this scope</strong> <span class="muted">(optional; least privileged first)</span>
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
      <label for="roleSearch">Search all roles</label>
      <input id="roleSearch" value={search} onInput={(e) => setSearch(e.currentTarget.value)} placeholder="Role name" />
      {choice.role?.risk ? (
        <div class="warning" role="alert" data-testid="role-risk">
          {choice.role.risk}
          <label class="check">
            <input
              type="checkbox"
              checked={choice.confirmed}
              onChange={(e) => onChoice({ ...choice, confirmed: e.currentTarget.checked })}
            />
            Grant {choice.role.name} anyway
          </label>
        </div>
      ) : null}
    </section>
  );
}
