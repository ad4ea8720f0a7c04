import { useEffect, useState } from 'preact/hooks';
import { t } from '../../common/i18n.ts';
import type { BackgroundProtocol } from '../../common/protocol.ts';
import { send } from '../../common/send.ts';
import { describeRow, type JobRow, rowState, stateWords } from '../../logic/bulk/job.ts';

export type Show = BackgroundProtocol['getBulkRows']['request']['show'];

const PAGE = 100;
const MAX_PAGE = 1000;
const shows = (): [Show, string][] => [
  ['all', t('bulkShowAll')],
  ['problems', t('bulkShowProblems')],
  ['custom', t('bulkShowCustom')],
  ['toSend', t('bulkStateToSend')],
  ['sent', t('bulkStateSent')],
  ['skipped', t('bulkStateSkipped')],
  ['failed', t('bulkStateFailed')],
];

/** The file's own words a row's invitation carries: the guest reads them, so the preview shows them. */
function CustomText({ row }: { row: JobRow }) {
  if (!row.displayName && !row.message) return null;
  return (
    <div class="muted custom-text">
      {row.displayName ? <div>{t('bulkRowName', row.displayName)}</div> : null}
      {row.message ? <div title={row.message}>{t('bulkRowMessage', row.message)}</div> : null}
    </div>
  );
}

/**
 * The job's rows, a page at a time (a file may hold ten thousand), filtered by outcome. `version` changes when
 * the job moves on, so the table follows it. The filter is the section's, so the preview can point at rows.
 */
export function BulkRows({ version, show, onShow }: { version: string; show: Show; onShow: (show: Show) => void }) {
  const [limit, setLimit] = useState(PAGE);
  const [page, setPage] = useState<{ rows: JobRow[]; total: number } | null>(null);

  useEffect(() => {
    let current = true;
    // The background answers at most 1,000 rows at a time.
    const pages = Array.from({ length: Math.ceil(limit / MAX_PAGE) }, (_, n) =>
      send('getBulkRows', { show, offset: n * MAX_PAGE, limit: Math.min(MAX_PAGE, limit - n * MAX_PAGE) }),
    );
    Promise.all(pages).then(
      (got) => current && setPage({ rows: got.flatMap((g) => g.rows), total: got[0]?.total ?? 0 }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [show, limit, version]);

  return (
    <div class="bulk-rows">
      <label for="bulk-show">{t('bulkShow')}</label>
      <select
        id="bulk-show"
        value={show}
        onChange={(e) => {
          onShow((e.target as HTMLSelectElement).value as Show);
          setLimit(PAGE);
        }}
      >
        {shows().map(([value, words]) => (
          <option value={value} key={value}>
            {words}
          </option>
        ))}
      </select>
      <table data-testid="bulk-rows">
        <thead>
          <tr>
            <th>{t('bulkColumnLine')}</th>
            <th>{t('bulkColumnEmail')}</th>
            <th>{t('bulkColumnWhat')}</th>
          </tr>
        </thead>
        <tbody>
          {page?.rows.map((r) => (
            <tr key={r.line} data-outcome={rowState(r)}>
              <td>{r.line}</td>
              <td class="email">{r.email || '—'}</td>
              <td>
                {rowState(r) === 'toSend' ? null : <strong>{stateWords(rowState(r))}: </strong>}
                {describeRow(r)}
                <CustomText row={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && page.total > page.rows.length ? (
        <button type="button" class="link" onClick={() => setLimit(limit + PAGE)}>
          {t('bulkShowMore', page.rows.length, page.total)}
        </button>
      ) : (
        <p class="muted">{page ? t('bulkRowCount', page.total) : t('bulkLoading')}</p>
      )}
    </div>
  );
}
