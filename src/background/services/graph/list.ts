import type { Client } from '@microsoft/microsoft-graph-client';
import { GRAPH_ORIGIN } from '../../../common/config.ts';
import type { Listed } from '../../../logic/listed.ts';
import { type Paging, readList } from '../pager.ts';

/** Graph's paging: `@odata.nextLink`, followed as given (the SDK's PageIterator does the same), on Graph only. */
export const graphPaging = (client: Client): Paging => ({
  kind: 'link',
  field: '@odata.nextLink',
  origin: GRAPH_ORIGIN,
  follow: (url) => client.api(url).get(),
});

/**
 * A Graph list (users, groups, members, memberOf, sponsors, audits, SKUs...), to its end or to `cap`. `first` is the
 * first page's answer: a request of its own (`client.api(…).get()`), or a JSON batch item's body.
 */
export const graphList = <T>(client: Client, first: unknown, cap?: number): Promise<Listed<T>> =>
  readList<T>(first, graphPaging(client), cap);
