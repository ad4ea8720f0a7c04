import { t } from '../../common/i18n.ts';

/**
 * The exact Azure id of a scope the card names in words, folded away (issue 25): a person reads names, and whoever
 * needs the id for a script or a ticket opens it.
 */
export function ScopeId({ scope }: { scope: string }) {
  return (
    <details class="scope-id" data-testid="scope-id">
      <summary>{t('scopeExactId')}</summary>
      <code>{scope}</code>
    </details>
  );
}
