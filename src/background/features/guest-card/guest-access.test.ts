import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';
import { workspacesNotReadWords } from '../../../common/guest-card.ts';

vi.mock('../../../common/browser.ts', () => import('../../../../test/support/fake-extension.ts'));
let groups: { value: { id: string; name: string }[]; '@odata.count'?: unknown } = { value: [] };
const asked: string[] = [];
const answer = async (path: string) => {
  asked.push(path);
  if (path.startsWith('/groups?')) {
    // Power BI's $top/$skip over the workspaces.
    const q = new URLSearchParams(path.slice(path.indexOf('?') + 1));
    const skip = Number(q.get('$skip') ?? 0);
    return { ...groups, value: groups.value.slice(skip, skip + Number(q.get('$top') ?? groups.value.length)) };
  }
  return { value: [{ identifier: 'nora@partner.example', principalType: 'User', groupUserAccessRight: 'Viewer' }] };
};
// Power BI's lists as the client pages them, over the answers above.
vi.mock('../../services/powerbi/client.ts', async () => {
  const { pageUrl, readList } = await import('../../services/pager.ts');
  return {
    powerBiList: (_s: unknown, path: string, size: number, cap?: number) => {
      const at = (skip: number) => answer(pageUrl(path, size, skip));
      return readList(at(0), { kind: 'skip', size, at }, cap);
    },
  };
});
const { MAX_WORKSPACES, workspaceRolesOf } = await import('./guest-access.ts');

const list = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `ws${i}`, name: `Workspace ${i}` }));
const read = async () => {
  const { roles, extent } = await workspaceRolesOf(SANDBOX_SETTINGS, ['nora@partner.example']);
  return { roles, words: workspacesNotReadWords(extent) };
};

beforeEach(() => {
  asked.length = 0;
});

describe("the card's workspaces", () => {
  it('reads all of a short list and says nothing about the rest', async () => {
    groups = { value: list(3), '@odata.count': 3 };
    const { roles, words } = await read();
    expect(roles).toHaveLength(3);
    expect(words).toBeNull();
  });

  it('reads the first ones of a long list and says how many of how many, when Power BI counts them', async () => {
    groups = { value: list(MAX_WORKSPACES + 1), '@odata.count': 212 };
    const { roles, words } = await read();
    expect(roles).toHaveLength(MAX_WORKSPACES);
    expect(asked.filter((p) => p.includes('/users'))).toHaveLength(MAX_WORKSPACES);
    expect(words).toBe(`${MAX_WORKSPACES} of 212 workspaces read: a role in the others is not shown.`);
  });

  it('says there may be more when the count is missing or only counts the page', async () => {
    for (const count of [undefined, MAX_WORKSPACES + 1, '212']) {
      groups = { value: list(MAX_WORKSPACES + 1), '@odata.count': count };
      expect((await read()).words).toBe(
        `First ${MAX_WORKSPACES} workspaces read; there may be more, and a role in those is not shown.`,
      );
    }
  });

  it('reads every workspace when asked, page after page, a few at a time', async () => {
    groups = { value: list(250), '@odata.count': 250 };
    const { roles, extent } = await workspaceRolesOf(SANDBOX_SETTINGS, ['nora@partner.example'], true);
    expect(roles).toHaveLength(250);
    expect(asked.filter((p) => p.startsWith('/groups?'))).toHaveLength(3);
    expect(workspacesNotReadWords(extent)).toBeNull();
  });
});
