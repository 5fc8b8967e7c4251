import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** Written by the process that runs a workspace's local edge, so others can find it. */
const EDGE_FILE = 'edge.json';

const edgeStateSchema = z.object({ url: z.url(), pid: z.number().int(), admin_key: z.string() });
export type EdgeState = z.infer<typeof edgeStateSchema>;

export async function writeEdgeState(dir: string, state: EdgeState): Promise<void> {
  // 0600: the admin key lets its holder clear the edge cache.
  await writeFile(path.join(dir, EDGE_FILE), `${JSON.stringify(state, null, 2)}\n`, {
    mode: 0o600,
  });
}

export async function clearEdgeState(dir: string, pid = process.pid): Promise<void> {
  const current = await readEdgeState(dir);
  if (current?.pid === pid) await rm(path.join(dir, EDGE_FILE), { force: true });
}

/** The edge recorded for this workspace, if its process is still alive. */
export async function readRunningEdge(dir: string): Promise<EdgeState | null> {
  const state = await readEdgeState(dir);
  return state && isAlive(state.pid) ? state : null;
}

async function readEdgeState(dir: string): Promise<EdgeState | null> {
  try {
    return edgeStateSchema.parse(JSON.parse(await readFile(path.join(dir, EDGE_FILE), 'utf8')));
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
