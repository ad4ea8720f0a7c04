import { t } from '../../common/i18n.ts';

/**
 * The exact id of what a view names in words (an Azure scope on a card, a partner's tenant), folded away (issue 25):
 * a person reads names, and whoever needs the id for a script or a ticket opens it. `label`: what the id is.
 */
export function ScopeId({ scope, label = t('scopeExactId') }: { scope: string; label?: string }) {
  return (
    <details class="scope-id" data-testid="scope-id">
      <summary>{label}</summary>
      <code>{scope}</code>
    </details>
  );
}
