import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { t } from '../../common/i18n.ts';

/**
 * A confirmation in place: what the click will do (children), Confirm and Cancel, and the service's refusal if one
 * comes. Confirm stays disabled while its work is sent, so a second click sends nothing twice.
 */
export function ConfirmBox({
  label,
  confirmLabel,
  danger = false,
  blocked = false,
  onConfirm,
  onCancel,
  children,
}: {
  label: string;
  confirmLabel: string;
  /** It takes something away: Fluent's danger colours, unlike every other Confirm. */
  danger?: boolean;
  /** Something the person must still do first (tick an acknowledgement). */
  blocked?: boolean;
  onConfirm(): Promise<void>;
  onCancel(): void;
  children: ComponentChildren;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirm = () => {
    setBusy(true);
    setError(null);
    onConfirm()
      .catch(setError)
      .finally(() => setBusy(false));
  };
  return (
    <fieldset class={danger ? 'confirm danger' : 'confirm'} aria-label={label}>
      {children}
      <div class="row">
        <button type="button" class={danger ? 'destructive' : undefined} disabled={busy || blocked} onClick={confirm}>
          {confirmLabel}
        </button>
        <button type="button" class="link" onClick={onCancel}>
          {t('cardCancel')}
        </button>
      </div>
      {error ? <ErrorNote error={error} /> : null}
    </fieldset>
  );
}
