import { describe, expect, it } from 'vitest';
import { scopeWords } from './scope-words.ts';

const SUB = '11111111-2222-4333-8444-555555555555';
const STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01`;

describe('a scope in words', () => {
  it('names the resource by its type in words, its group and its subscription', () => {
    expect(scopeWords(STORAGE, 'Contoso Prod')).toBe(
      'Storage account stdata01 · resource group rg-data · subscription Contoso Prod',
    );
  });

  it('says that the subscription name cannot be read, rather than showing its id', () => {
    const words = scopeWords(STORAGE, null);
    expect(words).toBe('Storage account stdata01 · resource group rg-data · a subscription whose name this account cannot read');
    expect(words).not.toContain(SUB);
    expect(scopeWords(`/subscriptions/${SUB}`, null)).toBe('A subscription whose name this account cannot read');
  });

  it('keeps the id of a subscription whose name was not asked for', () => {
    expect(scopeWords(`/subscriptions/${SUB}/resourceGroups/rg-web`, undefined)).toBe(
      `Resource group rg-web · subscription ${SUB}`,
    );
  });
});
