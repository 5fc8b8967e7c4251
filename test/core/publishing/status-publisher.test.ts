import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatusPublisher } from '../../../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import type { PutOptions } from '../../../src/core/storage/object-store';
import type { Job } from '../../../src/shared/job';
import { MARK_SEED_RECORD } from '../../fixtures/mark';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-publisher-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A real folder store that records how many writes are in flight at once. */
class CountingStore extends LocalFolderStore {
  inFlight = 0;
  mostInFlight = 0;
  override async put(key: string, body: Buffer | string, options?: PutOptions) {
    this.mostInFlight = Math.max(this.mostInFlight, ++this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return await super.put(key, body, options);
    } finally {
      this.inFlight--;
    }
  }
}

describe('StatusPublisher', () => {
  it('publishes hundreds of jobs a bounded number at a time, and all of them', async () => {
    const target = new CountingStore(dir);
    const jobs: Job[] = Array.from({ length: 300 }, (_, i) => ({
      ...MARK_SEED_RECORD,
      job_id: i.toString(16).padStart(16, '0'),
      tracking_token: `T${i.toString().padStart(4, '0')}`.padEnd(43, 'x'),
    }));
    await new StatusPublisher([target], { name: 'Q' }).publish(jobs);
    expect(target.mostInFlight).toBeGreaterThan(1);
    expect(target.mostInFlight).toBeLessThanOrEqual(16);
    expect(await target.list('api/track/')).toHaveLength(300);
  });
});
