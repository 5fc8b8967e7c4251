import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { unlessMissing } from '../storage/durable-file';

/**
 * One record per process that runs a local edge for the workspace (the console and
 * `qdn sandbox` may both run one), so others can find a live edge and none can remove
 * another's record.
 */
const EDGES_DIR = path.join('.qdn', 'edges');

const edgeStateSchema = z.object({
  url: z.url(),
  pid: z.number().int(),
  admin_key: z.string(),
  port: z.number().int(),
  started_at: z.iso.datetime(),
});
export type EdgeState = z.infer<typeof edgeStateSchema>;

const recordOf = (dir: string, pid: number) => path.join(dir, EDGES_DIR, `${pid}.json`);

export async function writeEdgeState(dir: string, state: EdgeState): Promise<void> {
  await mkdir(path.join(dir, EDGES_DIR), { recursive: true });
  // 0600: the admin key lets its holder clear the edge cache.
  await writeFile(recordOf(dir, state.pid), `${JSON.stringify(state, null, 2)}\n`, {
    mode: 0o600,
  });
}

export async function clearEdgeState(dir: string, pid = process.pid): Promise<void> {
  await rm(recordOf(dir, pid), { force: true });
}

/**
 * Every live edge of the workspace (oldest first): the CDN adapter sends each of them function
 * reloads and invalidations. Records of processes that are gone are removed on the way.
 */
export async function listRunningEdges(dir: string): Promise<EdgeState[]> {
  const live: EdgeState[] = [];
  const edgesDir = path.join(dir, EDGES_DIR);
  // No folder: no edge ever ran here. A folder that cannot be listed is an error, not "none".
  const names = await unlessMissing('list the local edges in', edgesDir, readdir(edgesDir), []);
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const state = await readEdgeState(path.join(dir, EDGES_DIR, name));
    if (state && isEdgeProcessAlive(state.pid)) live.push(state);
    else if (state) await rm(path.join(dir, EDGES_DIR, name), { force: true });
  }
  return live.sort((a, b) => a.started_at.localeCompare(b.started_at));
}

/**
 * The live edge customers' links should point at: this process's own (it lives as long as
 * the caller), else one on the workspace's preferred port (stable across restarts), else the
 * longest-running.
 */
export async function readRunningEdge(
  dir: string,
  preferredPort?: number,
): Promise<EdgeState | null> {
  const live = await listRunningEdges(dir);
  return (
    live.find((e) => e.pid === process.pid) ??
    live.find((e) => e.port === preferredPort) ??
    live[0] ??
    null
  );
}

async function readEdgeState(file: string): Promise<EdgeState | null> {
  const text = await unlessMissing('read', file, readFile(file, 'utf8'), null);
  if (text === null) return null; // its process removed it since the folder was listed
  // Records are written in place, so one being written reads cut short: skipped this time.
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = edgeStateSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Whether the process that wrote an edge record still runs. */
export function isEdgeProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
