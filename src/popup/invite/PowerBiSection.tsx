import { useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { t } from '../../common/i18n.ts';
import type { AudienceGroup, PowerBiPage } from '../../common/powerbi.ts';
import { send } from '../../common/send.ts';
import { isUsageLocation } from '../../logic/inputs.ts';
import { CountryPicker } from '../parts/LazyCountryPicker.tsx';
import { MoreHits } from '../parts/UserPicker.tsx';
import { useSearch } from '../parts/use-search.ts';
import { andList, type GrantSection } from './grant-section.ts';

export interface PowerBiChoice {
  group?: AudienceGroup;
  viewer: boolean;
  /** "Assign Power BI Pro" ticked, where the guest's path needs it (proOffered). */
  assignPro: boolean;
  /** The usage location set on a guest who has none before the licence: the tenant's country until changed. */
  country: string;
}

/** Pro is offered with the invitation when the guest's path needs it and the tenant has a unit free. */
const proOffered = ({ licensePath: path }: PowerBiPage) => path.kind === 'pro' && !path.held && !!path.sku && path.sku.free > 0;

/** The Power BI part of the form: what this page is, the app's audience group, the Viewer option, the licence path. */
export function PowerBiSection({
  page,
  choice,
  onChoice,
}: {
  page: PowerBiPage;
  choice: PowerBiChoice;
  onChoice: (c: PowerBiChoice) => void;
}) {
  const { app, workspace, audience, licensePath } = page;
  return (
    <section class="pbi" aria-label={t('pbiSectionLabel')}>
      <div data-testid="pbi-title">
        <strong>{app ? t('pbiApp', app.name) : t('pbiWorkspace', workspace.name)}</strong>
        {app ? <span class="muted"> {t('pbiInWorkspace', workspace.name)}</span> : null}
      </div>
      <div data-testid="license-path">
        <strong>{licensePath.headline}</strong>
        <div class="muted">{licensePath.reason}</div>
      </div>
      {proOffered(page) ? <ProLicense choice={choice} onChoice={onChoice} /> : null}
      {app ? <AudiencePicker appId={app.id} groups={audience.groups} choice={choice} onChoice={onChoice} /> : null}
      <label class="check">
        <input
          type="checkbox"
          checked={choice.viewer}
          onChange={(e) => onChoice({ ...choice, viewer: e.currentTarget.checked })}
        />
        {t('pbiAlsoViewer', workspace.name)}
      </label>
      {choice.viewer ? <div class="warning">{t('pbiViewerWarning', workspace.name)}</div> : null}
    </section>
  );
}

/** The licence the path needs, as part of the invitation, with the usage location Microsoft asks for first. */
function ProLicense({ choice, onChoice }: { choice: PowerBiChoice; onChoice: (c: PowerBiChoice) => void }) {
  return (
    <div data-testid="pbi-assign-pro">
      <label class="check">
        <input
          type="checkbox"
          checked={choice.assignPro}
          onChange={(e) => onChoice({ ...choice, assignPro: e.currentTarget.checked })}
        />
        {t('pbiAssignPro')}
      </label>
      {choice.assignPro ? (
        <>
          <p class="muted">{t('pbiAssignProHint')}</p>
          <CountryPicker id="pbiUsage" value={choice.country} onChange={(country) => onChoice({ ...choice, country })} />
        </>
      ) : null}
    </div>
  );
}

function AudiencePicker({
  appId,
  groups,
  choice,
  onChoice,
}: {
  appId: string;
  groups: AudienceGroup[];
  choice: PowerBiChoice;
  onChoice: (c: PowerBiChoice) => void;
}) {
  const [text, setText] = useState('');
  // Found as it is typed, like the people pickers: a pause before asking, only the answer for the text shown.
  const { hits, error } = useSearch<AudienceGroup>(text, (typed) => send('searchGroups', { text: typed }));
  const pick = (group: AudienceGroup) => {
    onChoice({ ...choice, group });
    void send('rememberAudience', { appId, group });
    setText('');
  };
  if (choice.group) {
    return (
      <div data-testid="audience-group">
        {t('pbiAudienceGroup')} <strong>{choice.group.displayName}</strong>{' '}
        <button type="button" class="link" onClick={() => onChoice({ ...choice, group: undefined })}>
          {t('pickerChange')}
        </button>
      </div>
    );
  }
  return (
    <div>
      <label for="groupSearch">{t('pbiGroupSearch')}</label>
      <input
        id="groupSearch"
        autocomplete="off"
        value={text}
        placeholder={t('pbiGroupPlaceholder')}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      {hits?.length === 0 ? <p class="muted">{t('pickerNoHits')}</p> : null}
      <MoreHits hits={hits} />
      <ul class="choices">
        {[...groups, ...(hits ?? [])].map((g) => (
          <li key={g.id}>
            <button type="button" class="link" onClick={() => pick(g)}>
              {g.displayName}
            </button>
          </li>
        ))}
      </ul>
      {error ? <ErrorNote error={error} /> : null}
    </div>
  );
}

/** The workspace's grant in the invite form: on an app's or workspace's page that could be read. */
export const powerBiGrant: GrantSection<{ page: PowerBiPage; choice: PowerBiChoice }> = {
  when: (data) => {
    if (data.kind !== 'powerbi' || !data.page) return null;
    // One audience group known (admin API or remembered): preselect it.
    const [only, ...more] = data.page.audience.groups;
    // Offered, not ticked: a unit is paid for, and the guest may hold Pro from their home organization already,
    // which cannot be read from here (the path's reason says so).
    const licensing = { assignPro: false, country: data.page.tenantCountry ?? '' };
    return { page: data.page, choice: { viewer: false, ...licensing, ...(only && !more.length ? { group: only } : {}) } };
  },
  Section: ({ state, onState }) => (
    <PowerBiSection page={state.page} choice={state.choice} onChoice={(choice) => onState({ ...state, choice })} />
  ),
  problem: ({ page, choice }) =>
    proOffered(page) && choice.assignPro && !isUsageLocation(choice.country) ? t('sentencePbiNeedsCountry') : null,
  sentence: ({ page, choice }) => {
    const parts: string[] = [];
    if (page.app) {
      parts.push(
        choice.group
          ? t('sentencePbiAudience', choice.group.displayName, page.app.name)
          : t('sentencePbiNoAudience', page.app.name),
      );
    }
    if (choice.viewer) parts.push(t('sentencePbiViewer', page.workspace.name));
    if (page.licensePath.sku && proOffered(page) && choice.assignPro) parts.push(t('sentencePbiAssignPro'));
    return parts.length ? andList(parts) : null;
  },
  payload: ({ page, choice }) => {
    const sku = page.licensePath.sku;
    const country = isUsageLocation(choice.country) ? choice.country : undefined;
    const license = sku && proOffered(page) && choice.assignPro ? { skuId: sku.skuId, usageLocation: country } : undefined;
    return {
      powerBi: {
        workspaceId: page.workspace.id,
        group: choice.group,
        viewer: choice.viewer,
        ...(license ? { license } : {}),
        ...(country ? { country } : {}),
      },
    };
  },
};
