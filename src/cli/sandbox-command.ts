import { parseArgs } from 'node:util';
import { refreshStatusDocuments } from '../core/workspace/refresh-status-documents';
import { startSandboxEdge } from '../core/workspace/sandbox-edge';
import { ensureSandboxFirstRelease } from '../core/workspace/first-release';
import type { Workspace } from '../core/workspace/open-workspace';
import { UsageError } from './cli-error';
import { startBookingRefresher } from '../core/inbox/booking-refresher';
import type { Print, WorkspaceCommand } from './workspace-command';

/** `qdn sandbox [--port N]`: serves the workspace's public site on loopback until stopped. */
export function parseSandboxCommand(args: string[], print: Print): WorkspaceCommand {
  const { values } = parseArgs({ args, strict: true, options: { port: { type: 'string' } } });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new UsageError(`--port must be a port number, got "${values.port}"`);
  }
  return (ws) => serveSandbox(ws, port, print);
}

async function serveSandbox(ws: Workspace, port: number | undefined, print: Print) {
  const firstRelease = await ensureSandboxFirstRelease(ws);
  if (firstRelease.length > 0) {
    process.stderr.write(
      `qdn: a new sandbox: ${firstRelease.join(' and ')} (see qdn deploy history)\n`,
    );
  }
  const edge = await startSandboxEdge(ws, port === undefined ? {} : { port });
  const warn = (message: string) => process.stderr.write(`qdn: ${message}\n`);
  await refreshStatusDocuments(ws, warn);
  // The booking page's upload policy: published now, refreshed daily while the sandbox runs.
  const booking = startBookingRefresher(ws, { edgeUrl: edge.url, warn });
  await booking.ready;
  print({ event: 'ready', url: edge.url, workspace: ws.dir });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  booking.stop();
  await edge.stop();
  print({ event: 'stopped' });
}
