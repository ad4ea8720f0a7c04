import { useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { AppError, ErrorCodes } from '../../common/errors.ts';
import { t } from '../../common/i18n.ts';
import type { OperationStep } from '../../common/operation.ts';
import type { PowerBiGrant } from '../../common/powerbi.ts';
import { send } from '../../common/send.ts';

/**
 * What the guest got on Power BI, and the offer to assign a licence here (asking for a usage location if needed).
 * The licence is one more step of the invitation's operation: the background assigns it, popup open or not.
 */
export function PowerBiGrantCard({
  grant,
  operationId,
  license,
}: {
  grant: PowerBiGrant;
  operationId: string;
  license?: OperationStep;
}) {
  const [country, setCountry] = useState('');
  const [refused, setRefused] = useState<unknown>(null);
  const { licensePath: path, group } = grant;
  const busy = license?.state === 'pending';
  const assigned = license?.state === 'done';
  const error =
    refused ?? (license?.state === 'failed' ? new AppError(license.code ?? ErrorCodes.unknown, license.detail) : null);
  const askCountry = license?.code === ErrorCodes.usageLocationRequired || license?.code === ErrorCodes.invalidUsageLocation;
  const assign = () => {
    if (!path.sku) return;
    setRefused(null);
    const usageLocation = askCountry ? country.trim().toUpperCase() : undefined;
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
          {askCountry ? (
            <>
              <label for="usageLocation">{t('usageLocationLabel')}</label>
              <input id="usageLocation" maxLength={2} value={country} onInput={(e) => setCountry(e.currentTarget.value)} />
            </>
          ) : null}
          <button type="button" disabled={busy} aria-busy={busy} onClick={assign}>
            {busy ? t('licAssigning', path.sku.name) : t('stepAssign', path.sku.name)}
          </button>
        </div>
      ) : null}
      {error ? <ErrorNote error={error} /> : null}
    </div>
  );
}
