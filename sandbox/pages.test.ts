import { describe, expect, it } from 'vitest';
import { adminCenterPage, makerPage } from './pages.ts';
import { Store } from './store.ts';

const state = new Store(`/tmp/pages-test-${process.pid}.json`);
state.reset();

describe('the Power Platform look-alike pages', () => {
  it('name the environment of an admin center blade', () => {
    const page = adminCenterPage('/environments/environment/8f2a6c1e-4b3d-4e5f-9a70-1b2c3d4e5f01/hub', state.state);
    expect(page).toContain('<h1>Contoso Sales</h1>');
  });

  it('name the default environment on a maker page', () => {
    const page = makerPage('/environments/Default-3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c/home', state.state);
    expect(page).toContain('Contoso (default)');
  });

  it('show the id of an environment the sandbox does not know', () => {
    expect(makerPage('/environments/00000000-0000-4000-8000-000000000000/apps', state.state)).toContain(
      'Environment 00000000-0000-4000-8000-000000000000',
    );
  });
});
