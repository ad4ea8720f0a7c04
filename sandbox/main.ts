import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hostResolverRules } from './hosts.ts';
import { startSandbox } from './server.ts';
import { Store } from './store.ts';

/**
 * `npm run sandbox [-- --reset] [--port 8443] [--control-port 8444]`: the sandbox cloud on its own.
 * `npm run sandbox:reset`: put the seed back and exit.
 */
const { values } = parseArgs({
  options: {
    reset: { type: 'boolean', default: false },
    'reset-only': { type: 'boolean', default: false },
    port: { type: 'string', default: '8443' },
    'control-port': { type: 'string', default: '8444' },
    'state-dir': { type: 'string', default: join(process.cwd(), '.sandbox') },
  },
});

if (values['reset-only']) {
  new Store(join(values['state-dir'], 'state.json')).reset();
  console.log(`Sandbox state in ${values['state-dir']} restored to the seed.`);
  process.exit(0);
}

const sandbox = await startSandbox({
  port: Number(values.port),
  controlPort: Number(values['control-port']),
  stateDir: values['state-dir'],
  reset: values.reset,
});
console.log(`Sandbox cloud on https://127.0.0.1:${sandbox.port} (control: http://127.0.0.1:${sandbox.controlPort})`);
// New on every start: the control API refuses requests without it.
console.log(`Control API token (send as authorization: Bearer <token>): ${sandbox.controlToken}`);
console.log(`  e.g. curl -H 'authorization: Bearer ${sandbox.controlToken}' http://127.0.0.1:${sandbox.controlPort}/state`);
console.log('Start Chromium with:');
console.log(`  --host-resolver-rules="${hostResolverRules(sandbox.port)}"`);
console.log(`  --ignore-certificate-errors-spki-list=${sandbox.spkiHashes.join(',')}`);
process.on('SIGINT', () => void sandbox.close().then(() => process.exit(0)));
