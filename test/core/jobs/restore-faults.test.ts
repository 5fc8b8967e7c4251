import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addJob } from '../../../src/core/jobs/job-changes';
import { JOBS_KEY, JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { JobsService } from '../../../src/core/jobs/jobs-service';
import { StatusPublisher, statusDocumentBody } from '../../../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import type { ObjectStore } from '../../../src/core/storage/object-store';
import { S3Store } from '../../../src/core/storage/s3-store';
import type { Job } from '../../../src/shared/job';
import { statusDocumentKey } from '../../../src/shared/site-keys';
import { startConditionalS3 } from '../../support/conditional-s3';
import type { ConditionalS3 } from '../../support/conditional-s3';
import { coverageLine, forEachFault, settleOrAbandon } from '../../support/fault-plan';
import type { FaultPlan } from '../../support/fault-plan';
import { expectAllReadable, expectNoneLost, keptEtags, versionHolding } from './kept-contents';

// Issue 15: a restore, failed or stopped at each of its store calls in turn, then run again.
// After the fault: jobs.json parses and is either what it was or the version restored, and
// every content jobs.json held before (current or kept) is still there. After the re-run: the
// version is current, what it replaced is a version, and restoring that undoes the restore.
// On a folder store and on a versioned S3 bucket (test/support/conditional-s3.ts).

const BUSINESS = { name: 'QuickDumpNow' };
const BUCKET = 'qdn-restore-faults';
const PICKUP = '2031-05-01T16:00:00Z';

let root: string;
let s3: ConditionalS3;
let client: S3Client;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-restore-faults-'));
  s3 = await startConditionalS3([BUCKET]);
  client = s3.client();
});
afterAll(async () => {
  await s3?.close();
  await rm(root, { recursive: true, force: true });
});

interface World {
  /** Fresh adapters over the same bytes each call, as the next process would open them. */
  data(): ObjectStore;
  prod(): ObjectStore;
}

let worlds = 0;
async function newWorld(kind: 'folder' | 's3'): Promise<World> {
  const dir = await mkdtemp(path.join(root, 'w-'));
  const prod = () =>
    new LocalFolderStore(path.join(dir, 'prod'), { versioned: (key) => !key.startsWith('api/') });
  if (kind === 'folder') return { data: () => new LocalFolderStore(path.join(dir, 'data')), prod };
  const prefix = `w${++worlds}-${randomBytes(4).toString('hex')}`;
  const data = new S3Store(client, BUCKET, prefix);
  return { data: () => data, prod };
}

function service(data: ObjectStore, prod: ObjectStore): JobsService {
  return new JobsService(new JobsRepository(data), new StatusPublisher([prod], BUSINESS));
}

/**
 * Ana alone, then 150 jobs imported in one write, then Ana moved. The restore target (Ana
 * alone, the oldest version) is a fraction of what it replaces: the case in which retention
 * used to drop every version (what the restore replaced included) for being over 2× the size.
 */
async function seed(world: World): Promise<void> {
  const jobs = service(world.data(), world.prod());
  const input = (name: string) => ({
    customer_name: name,
    address: '1 Elm St',
    pickup_date: PICKUP,
    price: 90,
  });
  const ana = (await jobs.createJob(input('Ana'))).job;
  await new JobsRepository(world.data()).update((current) => {
    let all: Job[] = [...current];
    const added: Job[] = [];
    for (let i = 0; i < 150; i++) {
      const made = addJob(input(`Imported ${i}`), new Date())(all);
      all = made.jobs;
      added.push(made.result);
    }
    return { jobs: all, changed: added, result: null };
  });
  await jobs.setJobStatus(ana.job_id, 'en_route');
}

/** Every job of jobs.json as it now is has its exact status document on prod. */
async function expectPublished(world: World): Promise<void> {
  const prod = world.prod();
  for (const job of await new JobsRepository(world.data()).list()) {
    const doc = await prod.get(statusDocumentKey(job.tracking_token));
    expect(doc?.body.toString(), `${job.customer_name}'s status document`).toBe(
      statusDocumentBody(job, BUSINESS),
    );
  }
}

function restoreScenario(kind: 'folder' | 's3') {
  return async (plan: FaultPlan, fault: { mode: 'fail' | 'stop' } | null): Promise<void> => {
    const world = await newWorld(kind);
    await seed(world);
    const before = await keptEtags(world.data(), JOBS_KEY);
    const replaced = (await world.data().get(JOBS_KEY))!.body;
    const versions = await world.data().listVersions(JOBS_KEY);
    const oldest = versions.at(-1)!;
    const target = (await world.data().getVersion(JOBS_KEY, oldest.versionId))!.body;

    const wrapped = service(plan.wrap(world.data(), 'data'), plan.wrap(world.prod(), 'prod'));
    const outcome = await settleOrAbandon(
      // A restore whose tracking pages did not follow says so (a warning): a failure too.
      wrapped.restoreJobsFileVersion(oldest.versionId).then(({ warning }) => {
        if (warning) throw new Error(warning);
      }),
      plan,
    );
    if (fault?.mode === 'fail') expect(outcome).toMatch(/^error: .*injected fault/);
    if (fault?.mode === 'stop') expect(outcome).toBe('stopped');
    if (!fault) expect(outcome).toBe('ok');

    // After the fault: readable, one of the two contents, and nothing lost.
    const now = (await world.data().get(JOBS_KEY))!.body;
    expect(now.equals(replaced) || now.equals(target)).toBe(true);
    await new JobsRepository(world.data()).list();
    expectNoneLost(before, await keptEtags(world.data(), JOBS_KEY), 'after the fault');

    // The re-run finishes it.
    const again = await service(world.data(), world.prod()).restoreJobsFileVersion(
      oldest.versionId,
    );
    expect(again.warning).toBeNull();
    expect((await world.data().get(JOBS_KEY))!.body.equals(target)).toBe(true);
    expectNoneLost(before, await keptEtags(world.data(), JOBS_KEY), 'after the re-run');
    await expectPublished(world);

    // And it can be undone: what it replaced is a version, and restoring it brings it back.
    const undo = await versionHolding(world.data(), JOBS_KEY, replaced);
    expect(undo, 'the version the restore replaced').not.toBeNull();
    // Undoing it is the same restore as the one just faulted: once is enough (CPU is shared).
    if (fault) return;
    const undone = await service(world.data(), world.prod()).restoreJobsFileVersion(undo!);
    expect(undone.warning).toBeNull();
    expect((await world.data().get(JOBS_KEY))!.body.equals(replaced)).toBe(true);
    expectNoneLost(before, await keptEtags(world.data(), JOBS_KEY), 'after the undo');
    await expectAllReadable(world.data(), JOBS_KEY);
    await expectPublished(world);
  };
}

describe('restore under faults', () => {
  it.each(['folder', 's3'] as const)(
    'on a %s store: fails or stops at every call, and a re-run restores; nothing is lost',
    { timeout: 120_000 },
    async (kind) => {
      const report = await forEachFault(restoreScenario(kind));
      console.log(coverageLine(`restore (${kind})`, report));
      expect(report.names).toEqual(
        expect.arrayContaining(['data.getVersion', 'data.put', 'prod.put']),
      );
    },
  );
});
