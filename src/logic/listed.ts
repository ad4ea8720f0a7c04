import { t } from '../common/i18n.ts';

/**
 * A list as it was read (issue 22): the items, whether that is all of them, and how many there are when the service
 * said. A list read to a cap says so, and a view says it ("first 500 of 2,134"): nothing is cut silently.
 */
export interface Listed<T> {
  items: T[];
  complete: boolean;
  read: number;
  total?: number;
}

/** How much of a list was read: all of it, or the first `read` of `total` (null: not known, there may be more). */
export interface ReadExtent {
  read: number;
  complete: boolean;
  total: number | null;
}

export const extentOf = (list: Omit<Listed<unknown>, 'items'>): ReadExtent => ({
  read: list.read,
  complete: list.complete,
  total: list.total ?? null,
});

/** What was not read of a list, in one sentence ("First 1000 of 2,134 read"); null when all of it was. */
export function notReadWords(extent: ReadExtent | null | undefined): string | null {
  if (!extent || extent.complete) return null;
  return extent.total !== null && extent.total > extent.read
    ? t('listReadOf', extent.read, extent.total)
    : t('listReadFirst', extent.read);
}
