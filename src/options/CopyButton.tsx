import { useState } from 'preact/hooks';
import { t } from '../common/i18n.ts';

/** Copies `text` to the clipboard and says so; `label` names what is copied, for screen readers and tests. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <span>
      <button type="button" aria-label={label} onClick={copy}>
        {t('optionsCopy')}
      </button>
      <span role="status">{copied === null ? '' : copied ? t('optionsCopied') : t('optionsCopyFailed')}</span>
    </span>
  );
}
