import { describe, expect, it } from 'vitest';
import { control } from '../../test/e2e/control.ts';
import type { SandboxReply } from '../../test/support/https.ts';
import { sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { graphClient, messageOf, rowsOf } from './graph-test-client.ts';

const sandbox = sandboxPerFile();
const graph = graphClient(sandbox);
const GRAPH = 'https://graph.microsoft.com/v1.0';

const nextOf = (r: SandboxReply) => (r.body as { '@odata.nextLink'?: string })['@odata.nextLink'];

/** Reads a list to its end the way Graph asks to: following each `@odata.nextLink` as given. */
async function readAll(path: string, headers?: Record<string, string>) {
  const pages: SandboxReply[] = [];
  let next: string | undefined = path;
  while (next) {
    const reply = await graph('GET', next, { headers });
    expect(reply.status).toBe(200);
    pages.push(reply);
    const link = nextOf(reply);
    if (link) expect(link.startsWith(`${GRAPH}/`)).toBe(true);
    next = link?.slice(GRAPH.length);
  }
  return { pages, rows: pages.flatMap((p) => rowsOf(p)) };
}

describe('Graph paging', () => {
  it('pages users two at a time when a test forces it, every user read once across six pages', async () => {
    await control(sandbox().controlPort, sandbox().controlToken).pageSize(2);
    const { pages, rows } = await readAll('/users?$select=id,displayName');
    expect(pages).toHaveLength(6);
    expect(rows.map((u) => u.id).sort()).toEqual(
      sandbox()
        .store.tenant('contoso.example')
        ?.users.map((u) => u.id)
        .sort(),
    );
    expect(nextOf(pages[0] as SandboxReply)).toMatch(/\?\$select=id%2CdisplayName&\$skiptoken=/);
  });

  it('keeps the query options in the next link: a search stays a search on every page', async () => {
    await control(sandbox().controlPort, sandbox().controlToken).pageSize(2);
    const eventual = { ConsistencyLevel: 'eventual' };
    const { pages, rows } = await readAll(`/groups?$search=${encodeURIComponent('"displayName:s"')}&$count=true`, eventual);
    expect(rows.map((g) => g.displayName).sort()).toEqual(
      ['Sales Analytics viewers', 'Sales environment users', 'All accounts staff'].sort(),
    );
    expect(pages.map((p) => (p.body as { '@odata.count'?: number })['@odata.count'])).toEqual([3, undefined]);
  });

  it('pages by $top up to 999, and answers 100 a page by default', async () => {
    const two = await graph('GET', '/users?$top=2&$select=id');
    expect(rowsOf(two)).toHaveLength(2);
    expect(nextOf(two)).toMatch(/\?\$top=2&\$select=id&\$skiptoken=/);
    const all = await graph('GET', '/users?$select=id');
    expect(rowsOf(all)).toHaveLength(12);
    expect(nextOf(all)).toBeUndefined();
  });

  it('refuses a $skiptoken it did not issue, as Entra refuses a page token it cannot use', async () => {
    const first = await graph('GET', '/users?$top=2&$select=id');
    const forged = (nextOf(first) as string).replace(/\$skiptoken=.*/, `$skiptoken=${Buffer.from('4:x').toString('base64url')}`);
    const res = await graph('GET', forged.slice(GRAPH.length));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'Directory_ExpiredPageToken' } });
    expect(messageOf(res)).toMatch(/page token/);
  });

  it('refuses a token issued for another query', async () => {
    const first = await graph('GET', '/users?$top=2&$select=id');
    const token = /\$skiptoken=(.*)$/.exec(nextOf(first) as string)?.[1];
    const res = await graph('GET', `/users?$top=2&$select=id,mail&$skiptoken=${token}`);
    expect(res.status).toBe(400);
  });
});
