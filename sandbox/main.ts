import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CORS_REFUSALS, isCorsRefusal } from './cors.ts';
import { hostResolverRules } from './hosts.ts';
import { chosenProfile } from './profile/profiles.ts';
import { startSandbox } from './server.ts';
import { Store } from './store.ts';

/**
 * `npm run sandbox [-- --reset] [--profile large] [--port 8443] [--control-port 8444] [--refuse-cors every-api]`:
 * the sandbox cloud on its own. `--refuse-cors every-api` refuses CORS on every API host, not only the environment
 * API's (sandbox/cors.ts).
 * `--profile large` (or `SANDBOX_PROFILE=large`) starts from a tenant of real size (sandbox/profile/large.ts).
 * `npm run sandbox:reset`: put the seed (or the profile named) back and exit.
 */
const { values } = parseArgs({
  options: {
    reset: { type: 'boolean', default: false },
    'reset-only': { type: 'boolean', default: false },
    port: { type: 'string', default: '8443' },
    'control-port': { type: 'string', default: '8444' },
    'state-dir': { type: 'string', default: join(process.cwd(), '.sandbox') },
    profile: { type: 'string' },
    'refuse-cors': { type: 'string', default: 'environment-api' },
  },
});
const corsRefusal = values['refuse-cors'];
if (!isCorsRefusal(corsRefusal)) {
  console.error(`--refuse-cors must be one of ${CORS_REFUSALS.join(', ')}`);
  process.exit(2);
}
const profile = chosenProfile(values.profile);

if (values['reset-only']) {
  new Store(join(values['state-dir'], 'state.json')).reset(profile ?? 'small');
  console.log(`Sandbox state in ${values['state-dir']} restored to the ${profile ?? 'small'} profile.`);
  process.exit(0);
}

const started = performance.now();
const sandbox = await startSandbox({
  port: Number(values.port),
  controlPort: Number(values['control-port']),
  stateDir: values['state-dir'],
  reset: values.reset,
  profile,
  corsRefusal,
});
if (profile) console.log(`Profile ${profile}: state made and saved in ${Math.round(performance.now() - started)} ms.`);
console.log(`Sandbox cloud on https://127.0.0.1:${sandbox.port} (control: http://127.0.0.1:${sandbox.controlPort})`);
// New on every start: the control API refuses requests without it.
console.log(`Control API token (send as authorization: Bearer <token>): ${sandbox.controlToken}`);
console.log(`  e.g. curl -H 'authorization: Bearer ${sandbox.controlToken}' http://127.0.0.1:${sandbox.controlPort}/state`);
console.log('Start Chromium with:');
console.log(`  --host-resolver-rules="${hostResolverRules(sandbox.port)}"`);
console.log(`  --ignore-certificate-errors-spki-list=${sandbox.spkiHashes.join(',')}`);
process.on('SIGINT', () => void sandbox.close().then(() => process.exit(0)));
