import { t } from '../../common/i18n.ts';
import type { PageData } from '../../common/page-data.ts';
import type { AudienceGroup } from '../../common/powerbi.ts';

/** The audience groups a Power BI page offers its app's rows; null off a Power BI page. */
export function audienceGroups(data: PageData | null): AudienceGroup[] | null {
  if (data?.kind !== 'powerbi') return null;
  return data.page?.app ? data.page.audience.groups : [];
}

/**
 * On a Power BI app's page, the app's audience every row joins: one choice for all rows, as the Azure schedule is
 * (issue 25), preset when the page knows one group. When the page offers none, what the rows get instead.
 */
export function BulkAudience({
  data,
  chosen,
  onChoose,
}: {
  data: PageData | null;
  chosen: string | null;
  onChoose: (groupId: string | null) => void;
}) {
  const groups = audienceGroups(data);
  if (groups === null) return null;
  const app = data?.kind === 'powerbi' ? data.page?.app : undefined;
  if (!app || groups.length === 0)
    return (
      <p class="muted" data-testid="bulk-audience">
        {t('bulkAudienceNothing')}
      </p>
    );
  return (
    <fieldset class="pbi" data-testid="bulk-audience">
      <legend>{t('bulkAudienceLegend', app.name)}</legend>
      {groups.map((g) => (
        <label class="check" key={g.id}>
          <input type="radio" name="audience" checked={chosen === g.id} onChange={() => onChoose(g.id)} />
          {g.displayName}
        </label>
      ))}
      <label class="check">
        <input type="radio" name="audience" checked={chosen === null} onChange={() => onChoose(null)} />
        {t('bulkAudienceNone')}
      </label>
      <p class="muted">{t('bulkAudienceOwnGroup')}</p>
    </fieldset>
  );
}
