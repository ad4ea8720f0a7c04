import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; consumed?: number };
interface Entry {
  payload: Payload;
  expiresAt: number | null;
  savedAt?: number;
}

/**
 * oidc-provider's storage, one JSON file per tenant, so sign-in sessions, grants and refresh tokens survive a
 * sandbox restart the way Entra's do. The built-in MemoryAdapter shares one store across providers and forgets
 * everything on exit.
 */
export function fileAdapterFactory(
  file: string,
  onUpsert?: (model: string, payload: Payload, find: (key: string) => Payload | undefined) => void,
) {
  const entries = new Map<string, Entry>(existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as [string, Entry][]) : []);
  const save = () => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt !== null && entry.expiresAt < now) entries.delete(key);
    writeFileSync(file, JSON.stringify([...entries]));
  };
  const live = (key: string): Payload | undefined => {
    const entry = entries.get(key);
    if (!entry || (entry.expiresAt !== null && entry.expiresAt < Date.now())) return undefined;
    return entry.payload;
  };

  return class FileAdapter {
    /** Changes every stored item of a model in place (e.g. grants, when an admin withdraws consent). */
    static updateAll(model: string, change: (payload: Payload) => void): void {
      for (const [key, entry] of entries) if (key.startsWith(`${model}:`)) change(entry.payload);
      save();
    }

    /** Forgets every stored item of a model (e.g. every login session, as when each person signed out). */
    static removeAll(model: string): void {
      for (const key of entries.keys()) if (key.startsWith(`${model}:`)) entries.delete(key);
      save();
    }

    /** When a stored item was written, in milliseconds (token `iat` has whole seconds only). */
    static savedAt(model: string, id: string): number | undefined {
      return entries.get(`${model}:${id}`)?.savedAt;
    }

    constructor(readonly model: string) {}

    key(id: string): string {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      onUpsert?.(this.model, payload, live);
      entries.set(this.key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : null, savedAt: Date.now() });
      save();
    }

    async find(id: string): Promise<Payload | undefined> {
      return live(this.key(id));
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      for (const [key, entry] of entries) {
        if (key.startsWith(`${this.model}:`) && entry.payload.uid === uid) return live(key);
      }
      return undefined;
    }

    async findByUserCode(userCode: string): Promise<Payload | undefined> {
      for (const [key, entry] of entries) {
        if (key.startsWith(`${this.model}:`) && entry.payload.userCode === userCode) return live(key);
      }
      return undefined;
    }

    async consume(id: string): Promise<void> {
      const payload = live(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      save();
    }

    async destroy(id: string): Promise<void> {
      entries.delete(this.key(id));
      save();
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const [key, entry] of entries) if (entry.payload.grantId === grantId) entries.delete(key);
      save();
    }
  };
}
