import { describe, expect, it } from 'vitest';
import { sandboxRequest } from '../../test/support/https.ts';
import { CONTOSO, mintToken, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { graphClient, LEE, MEGAN, messageOf, rowsOf, SALES_GROUP, SCOPES } from './graph-test-client.ts';

const sandbox = sandboxPerFile();
const graph = graphClient(sandbox);
const eventual = { ConsistencyLevel: 'eventual' };
const ANN = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const search = (text: string) => `$search=${encodeURIComponent(text)}`;

/** A user whose family name is not the first word of her name, so only a search by word finds her by it. */
function addAnnLee() {
  sandbox().store.tenant(CONTOSO)?.users.push({
    id: ANN,
    displayName: 'Ann Lee',
    userPrincipalName: 'ann@contoso.example',
    mail: 'ann@contoso.example',
    userType: 'Member',
    directoryRoles: [],
  });
}

/** Requests the contract check would stop (`/users/$count` is not in the subset, an unknown `$select` is refused). */
async function rawGraph(path: string, headers: Record<string, string> = {}) {
  const token = await mintToken(sandbox(), MEGAN, SCOPES);
  return sandboxRequest(sandbox(), 'graph.microsoft.com', 'GET', `/v1.0${path}`, { token, headers });
}

describe('$search', () => {
  it('is refused without ConsistencyLevel: eventual, in Graph words', async () => {
    const res = await graph('GET', `/users?${search('"displayName:lee"')}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'Request_UnsupportedQuery' } });
    expect(messageOf(res)).toBe(
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  });

  it('finds "Ann Lee" by "lee" or "le", the start of a word inside her name, and not those without such a word', async () => {
    addAnnLee();
    for (const text of ['"displayName:lee"', '"lee"', '"displayName:le"']) {
      const res = await graph('GET', `/users?${search(text)}&$select=id,displayName`, { headers: eventual });
      expect(res.status).toBe(200);
      expect(
        rowsOf(res)
          .map((u) => u.id)
          .sort(),
      ).toEqual([ANN, LEE].sort());
    }
  });

  it('takes clauses joined by OR, and finds groups by a word of their name', async () => {
    const users = await graph('GET', `/users?${search('"displayName:megan" OR "displayName:gu"')}&$select=id`, {
      headers: eventual,
    });
    expect(
      rowsOf(users)
        .map((u) => u.id)
        .sort(),
    ).toEqual([MEGAN, LEE].sort());
    const groups = await graph('GET', `/groups?${search('"displayName:analytics"')}&$select=id`, { headers: eventual });
    expect(rowsOf(groups).map((g) => g.id)).toEqual([SALES_GROUP]);
  });
});

describe('$count', () => {
  it('adds @odata.count with ConsistencyLevel: eventual and is ignored without it, as the docs say', async () => {
    const counted = await graph('GET', '/users?$count=true&$select=id', { headers: eventual });
    expect(counted.body).toMatchObject({ '@odata.count': 12 });
    const plain = await graph('GET', '/users?$count=true&$select=id');
    expect(plain.status).toBe(200);
    expect(plain.body).not.toHaveProperty('@odata.count');
  });

  it('answers /users/$count and /groups/$count as a plain number only with the header', async () => {
    const users = await rawGraph('/users/$count', eventual);
    expect(users.status).toBe(200);
    expect(users.headers['content-type']).toMatch(/^text\/plain/);
    expect(users.body).toBe(12);
    expect((await rawGraph('/groups/$count', eventual)).body).toBe(8);
    const refused = await rawGraph('/users/$count');
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'Request_BadRequest', message: '$count is not currently supported.' } });
  });
});

describe('$orderby', () => {
  it('sorts users by display name, descending when asked', async () => {
    const res = await graph('GET', '/users?$orderby=displayName%20desc&$select=displayName');
    const names = rowsOf(res).map((u) => u.displayName as string);
    expect(names).toEqual([...names].sort().reverse());
    expect(names[0]).toBe('Yuki Tanaka');
  });

  it('refuses a property Graph does not sort by, and a filter with a sort unless it is an advanced query', async () => {
    const mail = await graph('GET', '/users?$orderby=mail');
    expect(mail.status).toBe(400);
    expect(mail.body).toMatchObject({
      error: { code: 'Request_UnsupportedQuery', message: 'Sorting not supported for current query.' },
    });
    const filtered = `/users?$filter=${encodeURIComponent("userType eq 'Guest'")}&$orderby=displayName&$select=displayName`;
    expect((await graph('GET', filtered)).status).toBe(400);
    const advanced = await graph('GET', `${filtered}&$count=true`, { headers: eventual });
    expect(rowsOf(advanced).map((u) => u.displayName)).toEqual([
      'Ines Moreau',
      'Kim Akers',
      'Ola Nordmann',
      'Pat Ortiz',
      'Rafael Costa',
      'Tomás Ruiz',
      'Viktor Brandt',
      'Wanda Okafor',
    ]);
  });
});

describe('pending guests, newest first (the Guests tab before a search)', () => {
  const pending = `/users?$filter=${encodeURIComponent("externalUserState eq 'PendingAcceptance'")}&$orderby=createdDateTime%20desc&$select=id,displayName,createdDateTime`;

  it('is refused without the advanced query parameters, as a filter with a sort is in Graph', async () => {
    for (const [path, headers] of [
      [pending, {}],
      [`${pending}&$count=true`, {}],
      [pending, eventual],
    ] as const) {
      const res = await graph('GET', path, { headers });
      expect(res.status, path).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'Request_UnsupportedQuery' } });
    }
  });

  it('answers them newest first, with their count, under ConsistencyLevel: eventual and $count=true', async () => {
    sandbox().store.tenant(CONTOSO)?.users.push({
      id: ANN,
      displayName: 'Ann Lee',
      userPrincipalName: 'ann_partner.example#EXT#@contoso.onmicrosoft.com',
      mail: 'ann@partner.example',
      userType: 'Guest',
      externalUserState: 'PendingAcceptance',
      createdDateTime: '2026-11-30T10:00:00Z',
      directoryRoles: [],
    });
    const res = await graph('GET', `${pending}&$count=true&$top=1`, { headers: eventual });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ '@odata.count': 4 });
    expect(rowsOf(res).map((u) => u.displayName)).toEqual(['Ann Lee']);
    expect(res.body).toHaveProperty('@odata.nextLink');
  });
});

describe('$select', () => {
  it('refuses a property the type does not have, as Graph does', async () => {
    const user = await rawGraph(`/users/${LEE}?$select=id,favouriteColour`);
    expect(user.status).toBe(400);
    expect(user.body).toMatchObject({
      error: {
        code: 'Request_BadRequest',
        message: "Could not find a property named 'favouriteColour' on type 'microsoft.graph.user'.",
      },
    });
    const groups = await rawGraph('/groups?$select=id,favouriteColour');
    expect(groups.status).toBe(400);
    expect(messageOf(groups)).toBe("Could not find a property named 'favouriteColour' on type 'microsoft.graph.group'.");
  });

  it('answers collections as empty, never null, whether the sandbox holds them or not', async () => {
    const user = await graph(
      'GET',
      `/users/${LEE}?$select=id,assignedLicenses,identities,proxyAddresses,businessPhones,imAddresses`,
    );
    expect(user.status).toBe(200);
    for (const name of ['assignedLicenses', 'identities', 'proxyAddresses', 'businessPhones', 'imAddresses']) {
      expect(Array.isArray((user.body as Record<string, unknown>)[name]), name).toBe(true);
    }
    const group = await graph('GET', `/groups/${SALES_GROUP}?$select=id,groupTypes,proxyAddresses,resourceProvisioningOptions`);
    expect(group.body).toMatchObject({ groupTypes: [], proxyAddresses: [], resourceProvisioningOptions: [] });
  });
});

describe('request ids', () => {
  it('names every answer with request-id and echoes client-request-id, in the headers and in an error', async () => {
    const ok = await rawGraph('/me', { 'client-request-id': 'c0ffee00-0000-4000-8000-000000000001' });
    expect(ok.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.headers['client-request-id']).toBe('c0ffee00-0000-4000-8000-000000000001');
    const failed = await rawGraph('/users/$count', { 'client-request-id': 'c0ffee00-0000-4000-8000-000000000002' });
    expect(failed.body).toMatchObject({
      error: {
        innerError: { 'request-id': failed.headers['request-id'], 'client-request-id': 'c0ffee00-0000-4000-8000-000000000002' },
      },
    });
  });
});
