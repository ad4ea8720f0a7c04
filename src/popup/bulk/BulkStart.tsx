import { useState } from 'preact/hooks';
import { t } from '../../common/i18n.ts';
import type { PageData } from '../../common/page-data.ts';
import { ENTRA_TEMPLATE, ENTRA_TEMPLATE_FILE } from '../../logic/bulk/template.ts';
import { formatNumber } from '../../logic/format.ts';
import { MAX_BULK_ROWS } from '../../logic/inputs.ts';
import { download } from '../parts/download.ts';
import { audienceGroups, BulkAudience } from './BulkAudience.tsx';

/**
 * Before a file: the file picker, Entra's template to fill in, and on a Power BI app's page the audience its rows
 * join. The picked file goes with the audience chosen then.
 */
export function BulkStart({
  data,
  busy,
  onPick,
}: {
  data: PageData | null;
  busy: boolean;
  onPick: (file: File, audienceGroupId: string | undefined) => void;
}) {
  // Undefined until the person chooses: then the page's one group, if it knows exactly one.
  const [audience, setAudience] = useState<string | null | undefined>(undefined);
  const groups = audienceGroups(data) ?? [];
  const chosen = audience === undefined ? (groups.length === 1 ? (groups[0]?.id ?? null) : null) : audience;
  return (
    <>
      <BulkAudience data={data} chosen={chosen} onChoose={setAudience} />
      <label for="bulk-file">{t('bulkCsvFile')}</label>
      <input
        id="bulk-file"
        type="file"
        accept=".csv,text/csv"
        disabled={busy}
        onChange={(e) => {
          const file = (e.target as HTMLInputElement).files?.[0];
          if (file) onPick(file, chosen ?? undefined);
        }}
      />
      <p class="muted">{t('bulkFileHelp', formatNumber(MAX_BULK_ROWS))}</p>
      <button type="button" class="link" onClick={() => download(ENTRA_TEMPLATE_FILE, ENTRA_TEMPLATE)}>
        {t('bulkDownloadTemplate')}
      </button>
      {busy ? <p aria-busy="true">{t('bulkReadingFile')}</p> : null}
    </>
  );
}
