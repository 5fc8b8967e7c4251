import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { publishSiteFolder } from '../site/publish-site';
import { builtSiteDir, edgeFunctionPath } from '../workspace/app-files';
import { clearEdgeState, writeEdgeState } from '../workspace/edge-state';
import type { Workspace } from '../workspace/open-workspace';
import { startLocalEdge } from './local-edge';
import type { LocalEdge } from './local-edge';

export interface SandboxEdgeOptions {
  /** A port the caller asked for; without one, the workspace's preferred port, else any. */
  port?: number;
  siteDir?: string;
  functionPath?: string;
}

/**
 * Brings a sandbox workspace to life: brings its site targets up to the built site and starts
 * the local edge on loopback. Status documents are the caller's concern
 * (see `refreshStatusDocuments`), so a broken jobs.json never keeps the site from serving.
 */
export async function startSandboxEdge(
  ws: Workspace,
  options: SandboxEdgeOptions = {},
): Promise<LocalEdge> {
  if (ws.config.mode !== 'sandbox')
    throw new Error('The local edge runs only for a sandbox workspace.');
  const siteDir = options.siteDir ?? builtSiteDir();
  if (existsSync(siteDir)) {
    // The sandbox has no deploy step yet: it serves the site this build ships (changed files only).
    await publishSiteFolder(siteDir, ws.sites.staging);
    await publishSiteFolder(siteDir, ws.sites.prod);
  } else if (!(await ws.sites.prod.head('track.html'))) {
    throw new Error(`The public site is not built (${siteDir} is missing). Run: npm run build`);
  }
  const functionCode = await readFile(options.functionPath ?? edgeFunctionPath(), 'utf8');
  const edge = await startOnPreferredPort(ws, functionCode, options.port);
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

async function startOnPreferredPort(ws: Workspace, functionCode: string, port?: number) {
  const origin = ws.sites.prod;
  if (port !== undefined) return startLocalEdge({ origin, functionCode, port });
  const preferred = ws.config.mode === 'sandbox' ? ws.config.edge_port : 0;
  try {
    return await startLocalEdge({ origin, functionCode, port: preferred });
  } catch (err) {
    // Another sandbox already holds the preferred port: links stay correct, they use edge.json.
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return startLocalEdge({ origin, functionCode, port: 0 });
  }
}
