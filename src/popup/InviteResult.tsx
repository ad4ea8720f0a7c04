import { useContext, useState } from 'preact/hooks';
import { type AzureAssignment, describeSchedule } from '../shared/azure.ts';
import { guestStateWords, type InvitationResult } from '../shared/model.ts';
import type { OperationStep } from '../shared/operation.ts';
import type { PowerPlatformGrantRequest } from '../shared/power-platform.ts';
import type { PowerBiGrant } from '../shared/powerbi.ts';
import { EnvironmentLink } from './EnvironmentLink.tsx';
import { PowerBiGrantCard } from './LicenseAction.tsx';
import { OpenCard } from './open-card.ts';

export function InviteResult({
  assignment,
  result,
  grant,
  operationId,
  license,
  environment,
  onAnother,
}: {
  /** Invited from an environment's page: the link to send the guest. */
  environment?: PowerPlatformGrantRequest | null;
  result: InvitationResult;
  grant: PowerBiGrant | null;
  assignment: (AzureAssignment & { roleName: string }) | null;
  operationId: string;
  license?: OperationStep;
  onAnother: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const openCard = useContext(OpenCard);
  const { guest } = result;
  const copy = () => navigator.clipboard.writeText(result.redeemUrl).then(() => setCopied(true));
  return (
    <section class="result" aria-label="Invitation result">
      <h2>{result.existing ? `${guest.email} is already a guest here` : `Invited ${guest.email}`}</h2>
      {result.existing ? <p class="muted">No new user was created; the existing guest was invited again.</p> : null}
      <dl>
        <dt>Guest</dt>
        <dd data-testid="guest-name">{guest.displayName}</dd>
        {guest.userPrincipalName ? (
          <>
            <dt>User principal name</dt>
            <dd class="mono">{guest.userPrincipalName}</dd>
          </>
        ) : null}
        <dt>State</dt>
        <dd data-testid="guest-state">{guest.state ? guestStateWords(guest.state) : result.status}</dd>
      </dl>
      {result.redeemUrl ? null : (
        <p class="note" data-testid="redeem-lost">
          Graph gives the redeem link only once, and this one was lost when the browser stopped the extension mid-invitation. The
          invitation was made; resend it to get a new link.
        </p>
      )}
      <label for="redeemUrl">Redeem link</label>
      <div class="row">
        <input id="redeemUrl" readOnly value={result.redeemUrl} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      {assignment ? (
        <div class="pbi" data-testid="azure-assignment">
          {assignment.roleName}, {describeSchedule(assignment)}, at {assignment.scope}
          {assignment.waitedMs > 0
            ? ` (after ${Math.round(assignment.waitedMs / 1000)} s waiting for Azure to see the new guest)`
            : ''}
        </div>
      ) : null}
      {environment ? <EnvironmentLink environment={environment} /> : null}
      {grant ? <PowerBiGrantCard grant={grant} operationId={operationId} license={license} /> : null}
      <div class="row">
        <button type="button" class="link" onClick={onAnother}>
          Invite someone else
        </button>
        <button type="button" class="link" onClick={() => openCard(guest.email)}>
          Open {guest.displayName}'s card
        </button>
      </div>
    </section>
  );
}
