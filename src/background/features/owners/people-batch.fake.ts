/**
 * For the owners' unit tests: Graph's JSON batch answers to External access here's reads of people (who is from
 * outside, 15 to a request; then each one's person, sponsors and sign-in), from a table of people; every URL asked is
 * pushed on `asked`.
 */
export function peopleBatch(people: Record<string, Record<string, unknown>>, asked: string[]) {
  return ({ id, url }: { id: string; url: string }) => {
    asked.push(decodeURIComponent(url));
    const kinds = [...decodeURIComponent(url).matchAll(/'([^']+)'/g)].map((m) => m[1] as string);
    if (url.startsWith('/users?')) return { id, status: 200, body: { value: kinds.map((k) => ({ id: k, ...people[k] })) } };
    const user = /\/users\/([^/?]+)/.exec(url)?.[1] as string;
    if (id.startsWith('s')) return { id, status: 200, body: { value: [] } };
    if (id.startsWith('a')) return { id, status: 200, body: { id: user, signInActivity: null } };
    return { id, status: 200, body: { id: user, ...people[user] } };
  };
}
