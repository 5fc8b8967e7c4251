import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { QdnError } from '../../shared/errors';
import { isEdgeProcessAlive, listRunningEdges } from './edge-state';
import type { EdgeState } from './edge-state';
import type { InvalidationState } from '../cdn/cdn';
import { assertInvalidationPaths } from '../cdn/invalidation-limits';
import { readJson, writeJsonAtomically } from './local-edge-files';
import type { LocalEdgeFiles } from './local-edge-files';
import { notifyEdge } from './local-edge-notify';

/**
 * Invalidations of the sandbox distribution, asynchronous as CloudFront's: each is a file
 * (`edge/invalidations/<id>.json`) any process can read, sent to every live edge of the
 * workspace, and Completed once each of those edges applied it (or is gone) and the delay
 * passed. Whoever asks for the status finishes the work: the CLI can poll what the console
 * started, and an edge that missed the first send gets it again.
 */
const recordSchema = z.object({
  id: z.string(),
  caller_reference: z.string(),
  paths: z.array(z.string()),
  created_at: z.iso.datetime(),
  ready_at: z.iso.datetime(),
  status: z.enum(['InProgress', 'Completed']),
  /** pid → whether that edge applied it. */
  edges: z.record(z.string(), z.object({ url: z.string(), applied: z.boolean() })),
});
type InvalidationRecord = z.infer<typeof recordSchema>;

/** One caller reference, one id: a retried request finds the invalidation it made. */
const idOf = (callerReference: string) =>
  `I${createHash('sha256').update(callerReference).digest('hex').slice(0, 16).toUpperCase()}`;

export class LocalInvalidations {
  constructor(
    private readonly files: LocalEdgeFiles,
    private readonly workspaceDir: string,
    private readonly delayMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private fileOf(id: string): string {
    if (!/^I[0-9A-Z]{1,32}$/.test(id)) throw new QdnError('not_found', `No invalidation ${id}.`);
    return path.join(this.files.root, 'invalidations', `${id}.json`);
  }

  async create(paths: readonly string[], callerReference: string): Promise<InvalidationState> {
    assertInvalidationPaths(paths);
    const id = idOf(callerReference);
    const record = await this.files.withLock(async () => {
      const existing = await readJson(this.fileOf(id), recordSchema);
      if (existing) {
        if (existing.caller_reference !== callerReference || !samePaths(existing.paths, paths)) {
          throw new QdnError(
            'conflict',
            `The callerReference "${callerReference}" was already used for other paths.`,
          );
        }
        return existing;
      }
      const edges = await listRunningEdges(this.workspaceDir);
      const created: InvalidationRecord = {
        id,
        caller_reference: callerReference,
        paths: [...paths],
        created_at: new Date(this.now()).toISOString(),
        ready_at: new Date(this.now() + this.delayMs).toISOString(),
        status: 'InProgress',
        edges: Object.fromEntries(
          edges.map((e) => [String(e.pid), { url: e.url, applied: false }]),
        ),
      };
      await writeJsonAtomically(this.fileOf(id), created);
      return created;
    });
    return this.advance(record);
  }

  async status(id: string): Promise<InvalidationState> {
    const record = await readJson(this.fileOf(id), recordSchema);
    if (!record) throw new QdnError('not_found', `No invalidation ${id} on the sandbox edge.`);
    return this.advance(record);
  }

  /** Sends the invalidation to the edges that have not applied it, then settles its status. */
  private async advance(record: InvalidationRecord): Promise<InvalidationState> {
    if (record.status === 'Completed') return stateOf(record);
    const pending = Object.entries(record.edges).filter(
      ([pid, e]) => !e.applied && isEdgeProcessAlive(Number(pid)),
    );
    if (pending.length === 0 && this.now() < Date.parse(record.ready_at)) return stateOf(record);
    const edges = new Map((await listRunningEdges(this.workspaceDir)).map((e) => [e.pid, e]));
    const applied = await Promise.all(
      pending.map(async ([pid]) => {
        const edge: EdgeState | undefined = edges.get(Number(pid));
        const ok = edge
          ? await notifyEdge(edge, 'invalidations', { id: record.id, paths: record.paths })
          : false;
        return ok ? pid : null;
      }),
    );
    return this.files.withLock(async () => {
      const current = (await readJson(this.fileOf(record.id), recordSchema)) ?? record;
      for (const pid of applied) {
        const edge = pid ? current.edges[pid] : undefined;
        if (edge) edge.applied = true;
      }
      const waiting = Object.entries(current.edges).some(
        ([pid, e]) => !e.applied && isEdgeProcessAlive(Number(pid)),
      );
      if (!waiting && this.now() >= Date.parse(current.ready_at)) current.status = 'Completed';
      await writeJsonAtomically(this.fileOf(current.id), current);
      return stateOf(current);
    });
  }
}

const samePaths = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((p, i) => p === b[i]);

const stateOf = (r: InvalidationRecord): InvalidationState => ({
  id: r.id,
  status: r.status,
  paths: [...r.paths],
  createdAt: r.created_at,
});
