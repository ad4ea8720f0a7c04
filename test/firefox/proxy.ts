import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { SANDBOX_HOSTS } from '../../sandbox/hosts.ts';

/**
 * A local HTTPS proxy (CONNECT only) that takes the browser's tunnels to Microsoft's host names to the sandbox's
 * port, so Firefox keeps the real URLs (no port in them) as Chromium's host-resolver rules do. Any other host is
 * refused: nothing leaves the machine.
 */
export async function sandboxProxy(sandboxPort: number): Promise<{ port: number; close(): Promise<void> }> {
  const tunnels = new Set<Socket>();
  const server = createServer((_req, res) => {
    res.writeHead(405, { 'content-type': 'text/plain' });
    res.end('CONNECT only');
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const [host = '', port = '443'] = (req.url ?? '').split(':');
    if (!SANDBOX_HOSTS.includes(host.toLowerCase()) || port !== '443') {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(sandboxPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      tunnels.add(s);
      s.on('close', () => tunnels.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of tunnels) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A PAC script sending the sandbox's host names, and only those, through the proxy. */
export function proxyAutoConfig(proxyPort: number): string {
  return `function FindProxyForURL(url, host) {
  return ${JSON.stringify(SANDBOX_HOSTS)}.indexOf(host) >= 0 ? "PROXY 127.0.0.1:${proxyPort}" : "DIRECT";
}`;
}
