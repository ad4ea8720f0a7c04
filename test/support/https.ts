import { request } from 'node:https';

export interface SandboxReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** Calls the sandbox at a Microsoft host name from Node: connects to 127.0.0.1, presents the host by SNI and Host. */
export function sandboxRequest(
  sandbox: { port: number; ca: string },
  host: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<SandboxReply> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: sandbox.port,
        servername: host,
        ca: sandbox.ca,
        method,
        path,
        headers: {
          host,
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
