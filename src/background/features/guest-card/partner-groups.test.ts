import { afterEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';
import { type GuestChangeRecord, partnerGroupDraft } from '../../../common/guest-card.ts';

vi.mock('../../core/auth.ts', () => ({ graphToken: async () => ({ accessToken: 'graph', scopes: [] }) }));
const { graphSession } = await import('../../services/graph/client.ts');
const { createDynamicGroup, partnerGroupPreview } = await import('./partner-groups.ts');

const REQUEST = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const NEXT = 'https://graph.microsoft.com/v1.0/groups?$skiptoken=page2';
const draft = partnerGroupDraft('partner.example');

/**
 * Graph's groups over a stubbed fetch: the dynamic groups listed over two pages, a group found by mail nickname or
 * not, and a POST answered with the new group. Returns every request as `METHOD url`.
 */
function directory(o: { dynamic: object[][]; byNickname?: object[] }) {
  const sent: string[] = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  vi.stubGlobal('fetch', async (input: string | Request, init?: RequestInit) => {
    const url = decodeURIComponent(typeof input === 'string' ? input : input.url);
    const method = (typeof input === 'string' ? init?.method : input.method) ?? 'GET';
    sent.push(`${method} ${url}`);
    if (method === 'POST') {
      sent.push(String(typeof input === 'string' ? init?.body : await input.text()));
      return json({ id: 'new-group' }, 201);
    }
    if (url.includes('mailNickname eq')) return json({ value: o.byNickname ?? [] });
    const [first = [], second = []] = o.dynamic;
    return url.includes('skiptoken') ? json({ value: second }) : json({ value: first, '@odata.nextLink': NEXT });
  });
  return sent;
}
afterEach(() => vi.unstubAllGlobals());

const client = () => graphSession(SANDBOX_SETTINGS).client;
const posts = (sent: string[]) => sent.filter((s) => s.startsWith('POST'));

describe("creating a partner's dynamic group", () => {
  it('creates none when a dynamic group on a later page has the same rule, written otherwise', async () => {
    const sent = directory({
      dynamic: [
        [{ id: 'other', displayName: 'Sales', membershipRule: '(user.department -eq "Sales")' }],
        [{ id: 'theirs', displayName: 'Partner guests', membershipRule: draft.membershipRule.toLowerCase() }],
      ],
    });
    const made = await createDynamicGroup(client(), draft, REQUEST, false);
    expect(made).toEqual({ id: 'theirs', outcome: 'not created: "Partner guests" has the same rule' });
    expect(posts(sent)).toEqual([]);
    expect(sent[0]).toContain("groupTypes/any(c:c eq 'DynamicMembership')");
  });

  it('after a lost answer, takes the group its own send made (by nickname) and sends nothing again', async () => {
    const sent = directory({ dynamic: [[], []], byNickname: [{ id: 'made-before' }] });
    expect(await createDynamicGroup(client(), draft, REQUEST, true)).toEqual({ id: 'made-before', outcome: 'created' });
    expect(posts(sent)).toEqual([]);
  });

  it('after a lost answer the directory lists by rule already, finds it there and sends nothing again', async () => {
    const mine = { id: 'made-before', displayName: draft.displayName, membershipRule: draft.membershipRule };
    const sent = directory({ dynamic: [[mine], []], byNickname: [] });
    expect((await createDynamicGroup(client(), draft, REQUEST, true)).id).toBe('made-before');
    expect(posts(sent)).toEqual([]);
  });

  it('sends the group, with the name and description the admin gave, when no group has the rule', async () => {
    const sent = directory({ dynamic: [[], []] });
    const named = { ...draft, displayName: 'Partner Ltd guests', description: 'Everyone from Partner Ltd' };
    expect(await createDynamicGroup(client(), named, REQUEST, false)).toEqual({ id: 'new-group', outcome: 'created' });
    expect(posts(sent)).toHaveLength(1);
    expect(JSON.parse(sent.at(-1) ?? '{}')).toMatchObject({
      displayName: 'Partner Ltd guests',
      description: 'Everyone from Partner Ltd',
      membershipRule: draft.membershipRule,
      mailNickname: 'guests-partner-example-7c9e6679',
    });
  });
});

describe("a partner's group as the card proposes it", () => {
  const record = (status: 'running' | 'done', finishedAt?: number) =>
    ({
      status,
      finishedAt,
      createdId: status === 'done' ? 'deleted-since' : undefined,
      change: { kind: 'createGroup', group: { ...draft, displayName: 'Partner Ltd guests' } },
      steps: [{ kind: 'change', state: status === 'done' ? 'done' : 'pending' }],
    }) as unknown as GuestChangeRecord;

  it('shows a group this browser is making before the directory lists it, and forgets one made long ago and gone', async () => {
    directory({ dynamic: [[], []] });
    const making = await partnerGroupPreview(client(), [record('running')], 'partner.example');
    expect(making.existing).toEqual([expect.objectContaining({ displayName: 'Partner Ltd guests', underWay: true })]);
    const old = await partnerGroupPreview(client(), [record('done', Date.now() - 3600_000)], 'partner.example');
    expect(old.existing).toEqual([]);
  });
});
