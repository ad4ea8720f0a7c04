import { useState } from 'preact/hooks';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { AppError, ErrorCodes } from '../shared/errors.ts';
import type { PowerBiGrant } from '../shared/powerbi.ts';
import { send } from '../shared/send.ts';

/** What the guest got on Power BI, and the offer to assign a licence here (asking for a usage location if needed). */
export function PowerBiGrantCard({ grant, userId }: { grant: PowerBiGrant; userId: string }) {
  const [assigned, setAssigned] = useState(false);
  const [askCountry, setAskCountry] = useState(false);
  const [country, setCountry] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { licensePath: path, group } = grant;
  const assign = () => {
    if (!path.sku) return;
    setBusy(true);
    setError(null);
    send('assignLicense', { userId, skuId: path.sku.skuId, usageLocation: askCountry ? country.trim().toUpperCase() : undefined })
      .then(
        () => setAssigned(true),
        (e: unknown) => {
          if (e instanceof AppError && e.code === ErrorCodes.usageLocationRequired) setAskCountry(true);
          setError(e);
        },
      )
      .finally(() => setBusy(false));
  };
  return (
    <div class="pbi" data-testid="powerbi-grant">
      {group ? (
        <div>{group.added ? `Added to ${group.displayName}` : `Already in ${group.displayName}`}, the app's audience.</div>
      ) : null}
      {grant.viewer ? <div>Viewer of the workspace.</div> : null}
      <div data-testid="guest-license-path">
        <strong>{assigned ? `${path.sku?.name} assigned in this tenant` : path.headline}</strong>
      </div>
      {!assigned && !path.held && path.sku && path.sku.free > 0 ? (
        <div>
          {askCountry ? (
            <>
              <label for="usageLocation">Usage location (two-letter country code)</label>
              <input id="usageLocation" maxLength={2} value={country} onInput={(e) => setCountry(e.currentTarget.value)} />
            </>
          ) : null}
          <button type="button" disabled={busy} onClick={assign}>
            Assign {path.sku.name}
          </button>
        </div>
      ) : null}
      {error ? <ErrorNote error={error} /> : null}
    </div>
  );
}
