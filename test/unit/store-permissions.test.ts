import { describe, expect, it } from 'vitest';
import { chromiumManifest, firefoxManifest } from '../../scripts/manifests.ts';
import { justifications, permissionLines, requested } from '../../scripts/permissions.ts';

/** The manifests the stores get, as the builds make them (the build adds no permission or host). */
const manifests = () => [chromiumManifest, firefoxManifest()] as unknown as Record<string, unknown>[];

describe("the store listings' permission justifications (store/permissions.json)", () => {
  it('give each permission and host the manifests ask for its sentence, one line each', () => {
    const asked = [...new Set(manifests().flatMap(requested))];
    const lines = permissionLines(manifests());
    expect(lines.map((l) => l.slice(0, l.indexOf(': '))).sort()).toEqual(asked.sort());
    expect(lines).toContain(
      "identity: Signs the person in to their own Microsoft Entra tenant in the browser's sign-in window (launchWebAuthFlow), with the redirect URI derived from the extension's id.",
    );
  });

  it('explain nothing the manifests no longer ask for, and each thing once', () => {
    const asked = new Set(manifests().flatMap(requested));
    const named = justifications().flatMap((j) => j.for);
    expect(named.filter((p) => !asked.has(p))).toEqual([]);
    expect(named.length).toBe(new Set(named).size);
    for (const j of justifications()) expect(j.why.length).toBeGreaterThan(20);
  });

  it('stop a manifest that gains a permission or a host without its sentence', () => {
    const [chromium, firefox] = manifests() as [Record<string, unknown>, Record<string, unknown>];
    const withTabs = { ...chromium, permissions: [...(chromium.permissions as string[]), 'tabs'] };
    expect(() => permissionLines([withTabs, firefox])).toThrow('No justification in store/permissions.json for: tabs');
    const withHost = { ...firefox, optional_host_permissions: ['https://example.com/*'] };
    expect(() => permissionLines([chromium, withHost])).toThrow('for: https://example.com/*');
  });
});
