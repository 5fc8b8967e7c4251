import { z } from 'zod';
import type { DeployHistoryEntry } from '../../shared/deploy/deploy-api';
import type { ObjectStore } from '../storage/object-store';
import { errorMessage } from '../../shared/errors';

const PREFIX = 'deploys/';
/** The panel and `qdn deploy history` show recent actions; older lines stay in the bucket. */
const SHOWN = 50;

const invalidation = z.object({
  distributionId: z.string(),
  id: z.string(),
  status: z.enum(['InProgress', 'Completed']),
  paths: z.array(z.string()),
});
const entrySchema = z.object({
  id: z.string(),
  action: z.enum(['stage', 'promote', 'invalidate', 'verify', 'rollback', 'function', 'doctor']),
  at: z.string(),
  by: z.string(),
  ok: z.boolean(),
  summary: z.string(),
  releaseId: z.string().nullable(),
  invalidations: z.array(invalidation),
  details: z
    .unknown()
    .optional()
    .transform((d) => d ?? null),
});

/** The deploy history: one JSON document per action under `deploys/` in the data bucket. */
export class DeployHistory {
  constructor(private readonly data: ObjectStore) {}

  /**
   * Writes (or rewrites) one action's line. A promote writes it as soon as its invalidations
   * exist, so their ids survive a dispatcher who stops waiting, then again when it ends.
   */
  async record(entry: DeployHistoryEntry): Promise<void> {
    await this.data.put(`${PREFIX}${entry.id}.json`, `${JSON.stringify(entry, null, 2)}\n`, {
      contentType: 'application/json',
    });
  }

  /** Newest first. A line that does not parse is shown as such, never hidden. */
  async list(limit = SHOWN): Promise<DeployHistoryEntry[]> {
    const keys = (await this.data.list(PREFIX))
      .map((m) => m.key)
      .filter((k) => k.endsWith('.json'))
      .sort()
      .reverse()
      .slice(0, limit);
    const entries: DeployHistoryEntry[] = [];
    for (const key of keys) {
      const object = await this.data.get(key);
      if (!object) continue; // removed between list and get
      entries.push(parseEntry(key, object.body));
    }
    return entries;
  }
}

function parseEntry(key: string, body: Buffer): DeployHistoryEntry {
  try {
    return entrySchema.parse(JSON.parse(body.toString('utf8')));
  } catch (err) {
    const id = key.slice(PREFIX.length, -'.json'.length);
    return {
      id,
      action: 'verify',
      at: '',
      by: '',
      ok: false,
      summary: `This history line (${key}) is unreadable: ${errorMessage(err)}`,
      releaseId: null,
      invalidations: [],
      details: null,
    };
  }
}
