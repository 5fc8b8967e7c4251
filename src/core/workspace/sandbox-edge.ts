import { LocalEdgeFiles } from '../sandbox/local-edge-files';
import { clearEdgeState, writeEdgeState } from '../sandbox/edge-state';
import type { Workspace } from './open-workspace';
import { startLocalEdge } from '../sandbox/local-edge';
import { SANDBOX_DATA_BUCKET, sandboxUploader } from '../sandbox/sandbox-uploader';
import type { LocalEdge } from '../sandbox/local-edge';
import { sandboxPhoneRoutes } from '../messages/sandbox-phone-page';
import { phoneCountryOf, phoneForLink } from '../../shared/phone';

export interface SandboxEdgeOptions {
  /** A port the caller asked for; without one, the workspace's preferred port, else any. */
  port?: number;
}

/**
 * Starts the local edge of a sandbox workspace on loopback, in front of its prod folder, with
 * the function the workspace's distribution associates (edge/ files; LocalEdgeCdn changes
 * them and tells this edge to reload). It publishes nothing: prod changes only through the
 * deploy pipeline, so starting the sandbox never undoes a promote or a rollback. A prod with
 * no release yet still starts (and answers 403, as an empty bucket behind CloudFront does).
 * Status documents are the caller's concern (see `refreshStatusDocuments`).
 */
export async function startSandboxEdge(
  ws: Workspace,
  options: SandboxEdgeOptions = {},
): Promise<LocalEdge> {
  if (ws.config.mode !== 'sandbox')
    throw new Error('The local edge runs only for a sandbox workspace.');
  const files = new LocalEdgeFiles(ws.dir);
  const loadFunction = async () => (await files.liveViewerRequestCode())?.code ?? null;
  const edge = await startOnPreferredPort(ws, loadFunction, options.port);
  await writeEdgeState(ws.dir, {
    url: edge.url,
    pid: process.pid,
    admin_key: edge.adminKey,
    port: Number(new URL(edge.url).port),
    started_at: new Date().toISOString(),
  });
  return {
    ...edge,
    async stop() {
      await clearEdgeState(ws.dir);
      await edge.stop();
    },
  };
}

async function startOnPreferredPort(
  ws: Workspace,
  loadFunction: () => Promise<string | null>,
  port?: number,
) {
  const origin = ws.sites.prod;
  // The data bucket's upload endpoint, for the booking page's presigned POST.
  const uploads = {
    bucket: SANDBOX_DATA_BUCKET,
    store: ws.data,
    signer: await sandboxUploader(ws.dir),
  };
  // The sandbox's phone (/__phone/): what customers' phones received, and their replies.
  const { business } = ws.config;
  const country = phoneCountryOf(business.phone);
  const ourNumber = business.phone ? phoneForLink(business.phone, country) : null;
  const routes = sandboxPhoneRoutes({
    data: ws.data,
    country,
    timeZone: business.time_zone,
    ...(ourNumber ? { ourNumber } : {}),
  });
  const edgeOptions = { origin, loadFunction, uploads, routes };
  if (port !== undefined) return startLocalEdge({ ...edgeOptions, port });
  const preferred = ws.config.mode === 'sandbox' ? ws.config.edge_port : 0;
  try {
    return await startLocalEdge({ ...edgeOptions, port: preferred });
  } catch (err) {
    // Another sandbox already holds the preferred port: links stay correct, they use edge.json.
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return startLocalEdge({ ...edgeOptions, port: 0 });
  }
}
