import { describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS, type Settings } from '../../common/config.ts';
import { withPolicy } from './settings.ts';

vi.mock('../../common/browser.ts', () => ({ browser: {} }));

const saved: Settings = {
  cloud: 'microsoft',
  tenant: 'partnerltd.onmicrosoft.com',
  clientId: '6b1f9f0e-2c4d-4f6a-8e1b-3a5c7d9e0f21',
};

describe('settings under an organization policy', () => {
  it('lets the policy win field by field and says which fields it set', () => {
    const { settings, managed } = withPolicy(saved, { tenant: ' contoso.onmicrosoft.com ' });
    expect(settings).toEqual({ ...saved, tenant: 'contoso.onmicrosoft.com' });
    expect(managed).toEqual(['tenant']);
  });

  it('keeps what Options saved when no policy is set', () => {
    expect(withPolicy(saved, {})).toEqual({ settings: saved, managed: [] });
  });

  it('takes a policy without a cloud as Microsoft’s, and does not mix in the sandbox’s tenant or app', () => {
    const { settings } = withPolicy(SANDBOX_SETTINGS, { tenant: 'contoso.onmicrosoft.com' });
    expect(settings).toEqual({ cloud: 'microsoft', tenant: 'contoso.onmicrosoft.com', clientId: '' });
  });
});
