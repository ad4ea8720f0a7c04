import { Fragment } from 'preact';
import { t } from '../../common/i18n.ts';
import type { PageInfo, SignedInAccount } from '../../common/model.ts';
import { otherTenant } from '../../common/page-context.ts';
import type { PageData } from '../../common/page-data.ts';

interface Props {
  page: PageInfo;
  account: SignedInAccount;
  /** What the services said about the page, once they answered. */
  data: PageData | null;
  /** The services answered (or could not be asked): the line keeps the words from the URL and stops waiting. */
  answered: boolean;
}

/** What the page is about, by name once a service has answered; the ids the URL gave one click away. */
export function PageLine({ page, account, data, answered }: Props) {
  const ctx = page.context;
  const elsewhere = otherTenant(ctx, account);
  const powerBi = data?.kind === 'powerbi' ? data.page : null;
  const powerPlatform = data?.kind === 'power-platform' ? data.page : null;
  const named =
    (data?.kind === 'azure' ? data.words : null) ??
    (powerPlatform ? t('shellPagePowerPlatform', powerPlatform.environment.displayName, powerPlatform.environment.type) : null) ??
    (powerBi && ctx?.kind === 'powerbi-app' && powerBi.app ? t('shellPagePowerBiApp', powerBi.app.name) : null) ??
    (powerBi && ctx?.kind === 'powerbi-workspace' ? t('shellPagePowerBiWorkspace', powerBi.workspace.name) : null);
  const ids: [string, string][] = [];
  if (ctx?.kind === 'powerbi-app') {
    ids.push([t('shellIdApp'), ctx.appId]);
    if (ctx.workspaceId ?? powerBi?.workspace.id)
      ids.push([t('shellIdWorkspace'), ctx.workspaceId ?? powerBi?.workspace.id ?? '']);
  } else if (ctx?.kind === 'powerbi-workspace') {
    ids.push([t('shellIdWorkspace'), ctx.workspaceId]);
  } else if (ctx?.kind === 'azure-resource') {
    ids.push([t('shellIdScope'), ctx.scope]);
  } else if (ctx?.kind === 'power-platform-environment') {
    ids.push([t('shellIdEnvironment'), ctx.environmentId]);
  }
  return (
    <div class="context">
      <p data-testid="page-context" aria-busy={!named && !!ctx && !answered}>
        {named ?? page.description ?? t('shellNoContext')}
      </p>
      {elsewhere ? (
        <p class="warning" data-testid="other-tenant">
          {t('shellOtherTenant', elsewhere, account.tenantName ?? account.tenantId)}
        </p>
      ) : null}
      {ids.length ? (
        <details class="ids">
          <summary>{t('shellShowIds')}</summary>
          <dl>
            {ids.map(([name, id]) => (
              <Fragment key={name}>
                <dt>{name}</dt>
                <dd>{id}</dd>
              </Fragment>
            ))}
          </dl>
        </details>
      ) : null}
    </div>
  );
}
