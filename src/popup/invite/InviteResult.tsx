import { useContext, useState } from 'preact/hooks';
import { t } from '../../common/i18n.ts';
import { guestStateWords, type InvitationResult } from '../../common/model.ts';
import type { GivenRole, OperationStep } from '../../common/operation.ts';
import type { PowerPlatformGrantRequest } from '../../common/power-platform-schema.ts';
import type { PowerBiGrant } from '../../common/powerbi.ts';
import { describeSchedule } from '../../logic/azure.ts';
import { formatNumber } from '../../logic/format.ts';
import { scopeWords } from '../../logic/scope-words.ts';
import { OpenCard } from '../parts/open-card.ts';
import { ScopeId } from '../parts/ScopeId.tsx';
import { EnvironmentLink } from './EnvironmentLink.tsx';
import { PowerBiGrantCard } from './LicenseAction.tsx';

/** The role given, its schedule and its scope in words; the exact id folded away beneath. */
function AssignmentLine({ assignment: a }: { assignment: GivenRole }) {
  const scope = scopeWords(a.scope, a.subscriptionName);
  return (
    <div class="pbi" data-testid="azure-assignment">
      <div data-testid="assignment-words">
        {a.waitedMs > 0
          ? t('resultAssignmentWaited', a.roleName, describeSchedule(a), scope, formatNumber(Math.round(a.waitedMs / 1000)))
          : t('resultAssignment', a.roleName, describeSchedule(a), scope)}
      </div>
      <ScopeId scope={a.scope} />
    </div>
  );
}

/** The result card's heading; the live region says the same words. */
export const resultHeading = (result: InvitationResult) =>
  result.existing ? t('resultAlreadyGuest', result.guest.email) : t('resultInvited', result.guest.email);

export function InviteResult({
  assignment,
  result,
  grant,
  operationId,
  license,
  country,
  environment,
  onAnother,
}: {
  /** Invited from an environment's page: the link to send the guest. */
  environment?: PowerPlatformGrantRequest | null;
  result: InvitationResult;
  grant: PowerBiGrant | null;
  assignment: GivenRole | null;
  operationId: string;
  license?: OperationStep;
  /** The tenant's country, which a licence's question for a usage location proposes. */
  country?: string;
  onAnother: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const openCard = useContext(OpenCard);
  const { guest } = result;
  const copy = () => navigator.clipboard.writeText(result.redeemUrl).then(() => setCopied(true));
  return (
    <section class="result" aria-label={t('resultLabel')}>
      <h2>{resultHeading(result)}</h2>
      {result.existing ? <p class="muted">{t('resultReinvited')}</p> : null}
      <dl>
        <dt>{t('cardUserTypeGuest')}</dt>
        <dd data-testid="guest-name">{guest.displayName}</dd>
        {guest.userPrincipalName ? (
          <>
            <dt>{t('cardUpn')}</dt>
            <dd class="mono">{guest.userPrincipalName}</dd>
          </>
        ) : null}
        <dt>{t('resultState')}</dt>
        <dd data-testid="guest-state">{guest.state ? guestStateWords(guest.state) : result.status}</dd>
      </dl>
      {result.redeemUrl ? null : (
        <p class="note" data-testid="redeem-lost">
          {t('resultRedeemLost')}
        </p>
      )}
      <label for="redeemUrl">{t('resultRedeemLink')}</label>
      <div class="row">
        <input id="redeemUrl" readOnly value={result.redeemUrl} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={copy}>
          {copied ? t('copied') : t('copy')}
        </button>
      </div>
      {assignment ? <AssignmentLine assignment={assignment} /> : null}
      {environment ? <EnvironmentLink environment={environment} /> : null}
      {grant ? <PowerBiGrantCard grant={grant} operationId={operationId} license={license} country={country} /> : null}
      <div class="row">
        <button type="button" class="link" onClick={onAnother}>
          {t('resultAnother')}
        </button>
        <button type="button" class="link" onClick={() => openCard(guest.email)}>
          {t('resultOpenCard', guest.displayName)}
        </button>
      </div>
    </section>
  );
}
