import { t } from '../../common/i18n.ts';
import type { Granted, GrantedGroup, BulkGrants as Grants } from '../../logic/bulk/grant-summary.ts';

function groupKind(g: GrantedGroup): string {
  const kind =
    g.kind === 'microsoft365'
      ? t('bulkGroupKindMicrosoft365')
      : g.kind === 'mail'
        ? t('bulkGroupKindMail')
        : t('bulkGroupKindSecurity');
  return [
    kind,
    ...(g.dynamic ? [t('bulkGroupDynamicTag')] : []),
    ...(g.roleAssignable ? [t('bulkGroupRoleAssignableTag')] : []),
  ].join(', ');
}

/** A heading and one line per thing given: its name first, then how many rows give it. */
function List({ heading, items, testId }: { heading: string; items: Granted[]; testId: string }) {
  if (items.length === 0) return null;
  return (
    <>
      <h4>{heading}</h4>
      <ul class="plain" data-testid={testId}>
        {items.map((i) => (
          <li key={i.name}>
            <strong>{i.name}</strong> <span class="muted">· {t('bulkGrantRows', i.rows)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * What the file grants, before anything is sent: every group by name (its id below), what kind it is and how many
 * rows name it; every other site guests are sent to; the invitations with the file's own words; every role and
 * licence. Then the one acknowledgement Start waits for.
 */
export function BulkGrants({
  grants,
  acknowledged,
  onAcknowledge,
  onShowCustom,
}: {
  grants: Grants;
  acknowledged: boolean;
  onAcknowledge: (yes: boolean) => void;
  onShowCustom: () => void;
}) {
  const { groups, redirectHosts, customText, azureRoles, environmentRoles, licenses } = grants;
  const nothing =
    groups.length + redirectHosts.length + customText + azureRoles.length + environmentRoles.length + licenses.length === 0;
  return (
    <section class="pbi bulk-grants" data-testid="bulk-grants" aria-label={t('bulkGrantsHeading')}>
      <h3>{t('bulkGrantsHeading')}</h3>
      {nothing ? <p class="muted">{t('bulkGrantsNothing')}</p> : null}
      {groups.length ? (
        <>
          <h4>{t('bulkGrantsGroups')}</h4>
          <ul class="plain" data-testid="bulk-grant-groups">
            {groups.map((g) => (
              <li key={g.id} data-refused={g.refused ? 'true' : undefined}>
                <strong>{g.displayName}</strong> <span class="muted">· {groupKind(g)} · </span>
                {g.refused ? (
                  <span class="refused">{t('bulkGrantRefusedRows', g.rows)}</span>
                ) : (
                  <span class="muted">{t('bulkGrantRows', g.rows)}</span>
                )}
                <div class="muted id">{g.id}</div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <List heading={t('bulkGrantsRedirects')} items={redirectHosts} testId="bulk-grant-redirects" />
      {customText ? (
        <p data-testid="bulk-grant-custom">
          {t('bulkGrantsCustomText', customText)}{' '}
          <button type="button" class="link" onClick={onShowCustom}>
            {t('bulkGrantsShowCustom')}
          </button>
        </p>
      ) : null}
      <List heading={t('bulkGrantsAzureRoles')} items={azureRoles} testId="bulk-grant-azure-roles" />
      <List heading={t('bulkGrantsEnvironmentRoles')} items={environmentRoles} testId="bulk-grant-environment-roles" />
      <List heading={t('bulkGrantsLicenses')} items={licenses} testId="bulk-grant-licenses" />
      <label class="check">
        <input type="checkbox" checked={acknowledged} onChange={(e) => onAcknowledge(e.currentTarget.checked)} />
        {t('bulkAcknowledge')}
      </label>
    </section>
  );
}
