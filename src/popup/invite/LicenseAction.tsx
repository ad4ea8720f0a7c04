import { useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { AppError, ErrorCodes } from '../../common/errors.ts';
import { t } from '../../common/i18n.ts';
import { asksCountry, type OperationStep } from '../../common/operation.ts';
import type { PowerBiGrant } from '../../common/powerbi.ts';
import { send } from '../../common/send.ts';
import { isUsageLocation } from '../../logic/inputs.ts';
import { CountryPicker } from '../parts/LazyCountryPicker.tsx';

/**
 * What the guest got on Power BI, and the offer to assign a licence here. The licence is a step of the invitation's
 * operation (ticked in the form, or asked for here): the background assigns it, popup open or not. A guest without a
 * usage location is a question put here, with the tenant's country proposed, not a failure.
 */
export function PowerBiGrantCard({
  grant,
  operationId,
  license,
  country: proposed,
}: {
  grant: PowerBiGrant;
  operationId: string;
  license?: OperationStep;
  /** The tenant's country, proposed should the guest need a usage location. */
  country?: string;
}) {
  const [country, setCountry] = useState(proposed ?? '');
  const [refused, setRefused] = useState<unknown>(null);
  const { licensePath: path, group } = grant;
  const busy = license?.state === 'pending';
  const assigned = license?.state === 'done';
  const question = asksCountry(license);
  const error =
    refused ??
    (license?.state === 'failed' && !question ? new AppError(license.code ?? ErrorCodes.unknown, license.detail) : null);
  const assign = () => {
    if (!path.sku) return;
    setRefused(null);
    const usageLocation = question ? country : undefined;
    send('assignLicense', { operationId, skuId: path.sku.skuId, usageLocation }).catch(setRefused);
  };
  return (
    <div class="pbi" data-testid="powerbi-grant">
      {group ? (
        <div>{group.added ? t('licAddedToAudience', group.displayName) : t('licAlreadyInAudience', group.displayName)}</div>
      ) : null}
      {grant.viewer ? <div>{t('licViewer')}</div> : null}
      {grant.viewer || group?.added ? (
        // Access given now shows only once Power BI has refreshed the guest's permissions, about two minutes
        // (learn: rest/api/power-bi/users/refresh-user-permissions).
        <p class="note" data-testid="powerbi-may-wait">
          {t('licViewerMayWait')}
        </p>
      ) : null}
      <div data-testid="guest-license-path">
        <strong>{assigned ? t('licAssigned', path.sku?.name ?? '') : path.headline}</strong>
      </div>
      {!assigned && !path.held && path.sku && path.sku.free > 0 ? (
        <div>
          {question ? (
            <>
              <p class="note" data-testid="license-asks-country">
                {t('licAsksCountry')}
              </p>
              <CountryPicker id="usageLocation" value={country} onChange={setCountry} />
            </>
          ) : null}
          <button type="button" disabled={busy || (question && !isUsageLocation(country))} aria-busy={busy} onClick={assign}>
            {busy ? t('licAssigning', path.sku.name) : t('stepAssign', path.sku.name)}
          </button>
        </div>
      ) : null}
      {error ? <ErrorNote error={error} /> : null}
    </div>
  );
}
