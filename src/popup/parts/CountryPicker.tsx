import { useMemo } from 'preact/hooks';
import { t } from '../../common/i18n.ts';
import { countries } from '../../logic/countries.ts';

/**
 * A usage location, chosen by the country's name in the browser's language (Graph stores its two-letter code). Empty
 * until one is chosen when the tenant's own country could not be read.
 */
export function CountryPicker({ id, value, onChange }: { id: string; value: string; onChange: (code: string) => void }) {
  const list = useMemo(() => countries(), []);
  return (
    <>
      <label for={id}>{t('usageLocationCountry')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {value ? null : <option value="">{t('usageLocationChoose')}</option>}
        {list.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
    </>
  );
}
