import type { GuestCard, GuestChangeRecord } from '../shared/guest-card.ts';
import { ConfirmChange } from './ConfirmChange.tsx';

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '');

/** What the guest holds here, each with the way to take it back. */
export function GuestAccess({
  card,
  guest,
  onStarted,
}: {
  card: GuestCard;
  guest: GuestChangeRecord['guest'];
  onStarted: () => void;
}) {
  const problem = (section: GuestCard['problems'][number]['section']) =>
    card.problems
      .filter((p) => p.section === section)
      .map((p) => (
        <p class="warning" key={p.message}>
          {p.message}
        </p>
      ));
  return (
    <section aria-label="Access">
      <h3>Groups</h3>
      {problem('groups')}
      {card.groups.length === 0 ? <p class="muted">No groups.</p> : null}
      <ul class="access" data-testid="card-groups">
        {card.groups.map((g) => (
          <li key={g.id}>
            <strong>{g.displayName}</strong>
            {g.audienceOf.length ? <span class="muted"> · audience of {g.audienceOf.join(', ')}</span> : null}
            {g.dynamic ? (
              <span class="muted"> · dynamic: membership follows its rule, so it is not removed by hand</span>
            ) : !g.direct ? (
              <span class="muted"> · through a group inside it: take them out of that group instead</span>
            ) : (
              <ConfirmChange
                label="Remove from group"
                guest={guest}
                change={{ kind: 'leaveGroup', group: g }}
                onStarted={onStarted}
              />
            )}
          </li>
        ))}
      </ul>
      <h3>Power BI workspaces</h3>
      {problem('workspaces')}
      {card.workspaces?.length === 0 ? (
        <p class="muted">No workspace role of their own (apps reach them through groups).</p>
      ) : null}
      <ul class="access" data-testid="card-workspaces">
        {(card.workspaces ?? []).map((w) => (
          <li key={w.workspaceId}>
            <strong>{w.role}</strong> in {w.workspaceName}
            <ConfirmChange
              label="Remove workspace role"
              guest={guest}
              change={{ kind: 'removeWorkspaceRole', role: w }}
              onStarted={onStarted}
            />
          </li>
        ))}
      </ul>
      <h3>Azure roles</h3>
      {problem('azure')}
      {card.azure ? (
        <>
          <p class="muted">At {card.azure.scopeWords} and below it.</p>
          {card.azure.roles.length === 0 ? <p class="muted">None here.</p> : null}
          <ul class="access" data-testid="card-roles">
            {card.azure.roles.map((r) => (
              <li key={`${r.scope}|${r.roleDefinitionId}|${r.removal}`}>
                <strong>{r.roleName}</strong> {r.removal === 'eligibility' ? 'eligible' : 'active'} at {r.scopeWords}
                {r.end ? `, until ${day(r.end)}` : ', no end'}
                <ConfirmChange
                  label="Remove role"
                  guest={guest}
                  change={{ kind: 'removeAzureRole', role: r }}
                  onStarted={onStarted}
                />
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p class="muted">Open this card on an Azure resource in the portal to see and take back roles there.</p>
      )}
      <h3>Licences</h3>
      {problem('licences')}
      {card.licences.length === 0 ? <p class="muted">No licences in this tenant.</p> : null}
      <ul class="access" data-testid="card-licences">
        {card.licences.map((l) => (
          <li key={l.skuId}>
            <strong>{l.skuPartNumber}</strong>
            <ConfirmChange
              label="Remove licence"
              guest={guest}
              change={{ kind: 'removeLicence', licence: l }}
              onStarted={onStarted}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Everything the guest still has, in one line each: what a deletion takes away. */
export function StillHas({ card }: { card: GuestCard }) {
  // Keyed by what each is (names need not be unique: two groups may share one).
  const lines = [
    ...card.groups.map((g) => ({ key: g.id, text: `Member of ${g.displayName}` })),
    ...(card.workspaces ?? []).map((w) => ({ key: w.workspaceId, text: `${w.role} in the workspace ${w.workspaceName}` })),
    ...(card.azure?.roles ?? []).map((r) => ({
      key: `${r.scope}|${r.roleDefinitionId}|${r.removal}`,
      text: `${r.roleName} (${r.removal === 'eligibility' ? 'eligible' : 'active'}) at ${r.scopeWords}`,
    })),
    ...card.licences.map((l) => ({ key: l.skuId, text: `Licence ${l.skuPartNumber}` })),
  ];

  return (
    <div data-testid="still-has">
      <p>
        <strong>{card.identity.displayName} still has:</strong>
      </p>
      {lines.length ? (
        <ul>
          {lines.map((l) => (
            <li key={l.key}>{l.text}</li>
          ))}
        </ul>
      ) : (
        <p class="muted">Nothing that this card can see{card.azure ? '' : ' (Azure roles are shown on a portal page)'}.</p>
      )}
    </div>
  );
}
