import { createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import { listenOnLoopback } from '../../../src/core/http/loopback-server';

/** Test-only: forwards to `target`, answering every PUT with S3's AccessDenied. */
export async function denyWrites(target: string): Promise<{ endpoint: string; server: Server }> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    if (req.method === 'PUT') {
      req.resume();
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R1</RequestId><HostId>H1</HostId></Error>',
      );
      return;
    }
    const out = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  const { origin } = await listenOnLoopback(server, 0);
  return { endpoint: origin, server };
}
