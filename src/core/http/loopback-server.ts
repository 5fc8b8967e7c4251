import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Listens on 127.0.0.1 only (port 0: any free port) and resolves with the origin the socket
 * is actually bound to, e.g. `http://127.0.0.1:43117` — so tests check the bind, not a constant.
 */
export function listenOnLoopback(
  server: Server,
  port: number,
): Promise<{ origin: string; port: number }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const bound = server.address() as AddressInfo;
      resolve({ origin: `http://${bound.address}:${bound.port}`, port: bound.port });
    });
  });
}

/** Stops accepting, drops kept-alive connections, and resolves once the server is closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Reads a request body up to `limit` bytes. */
/** A request body over the reader's limit (the server answers 413 or its protocol's equivalent). */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError('Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
