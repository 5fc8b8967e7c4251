import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestInbox } from '../../../src/core/inbox/inbox-ingest';
import { acceptSubmission, listReview } from '../../../src/core/inbox/inbox-review';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import type { MoveOptions, ObjectStore } from '../../../src/core/storage/object-store';
import type { Job } from '../../../src/shared/job';
import { coverageLine, forEachFault, settleOrAbandon } from '../../support/fault-plan';
import type { Fault, FaultPlan } from '../../support/fault-plan';
import { MemoryStore } from './memory-store';

/**
 * The fault harness over the booking inbox (issue 15): a pass, and the dispatcher's accepts,
 * failed or stopped at each of their store calls in turn, then run again clean. After every
 * fault nothing is lost and jobs.json parses; after the re-run every submission is exactly one
 * job or one listed review item — never both, never two, never none.
 */

const NOW = new Date('2026-11-28T15:00:00Z');
const TZ = 'America/Chicago';
const TOKEN = 'Zz9_unknownTOKENunknownTOKENunknownTOKEN12';

function request(id: string, over: Record<string, unknown> = {}) {
  return {
    schema: 1,
    kind: 'request',
    id,
    submitted_at: '2026-11-28T14:59:00Z',
    name: `Customer ${id.slice(-4)}`,
    phone: '+1 312 555 0142',
    address: 'Apt 4B, 2250 North Lincoln Ave',
    service: 'Furniture',
    date: '2026-12-03',
    window: 'morning',
    ...over,
  };
}

/** What waits in inbox/new/, and where each must end: a job, or a review folder. */
const WAITING: { name: string; body: unknown; ends: 'job' | 'held' | 'rejected' }[] = [
  {
    name: 'a.json',
    body: request('req-aaaaaaaaaaaaaaaa', { notes: 'Donation=yes please' }),
    ends: 'job',
  },
  { name: 'b.json', body: request('req-bbbbbbbbbbbbbbbb', { address: 'Condo=' }), ends: 'job' },
  // The same request sent twice under two keys (a retried upload): one job between them.
  {
    name: 'b-again.json',
    body: request('req-bbbbbbbbbbbbbbbb', { address: 'Condo=' }),
    ends: 'job',
  },
  {
    name: 's.json',
    body: request('req-ssssssssssssssss', { suspect: ['filled_in_0s'] }),
    ends: 'held',
  },
  {
    name: 'm.json',
    body: request('req-mmmmmmmmmmmmmmmm', { notes: '<b>big</b> couch' }),
    ends: 'rejected',
  },
  { name: 'x.json', body: 'not json {', ends: 'rejected' },
  {
    name: 'c.json',
    body: {
      schema: 1,
      kind: 'confirm',
      id: 'cnf-cccccccccccccccc',
      submitted_at: '2026-11-28T14:59:00Z',
      token: TOKEN,
      answer: 'confirm',
    },
    ends: 'rejected',
  },
];
const requestIdOf = (body: unknown): string | null =>
  typeof body === 'object' && body !== null && 'id' in body ? String(body.id) : null;

/** A job on the board before any of it, which no fault may touch. */
const EXISTING: Job = {
  job_id: 'fcdc1c82cb284dbe',
  customer_name: 'Mark',
  address: 'Soderblom Ave',
  status: 'scheduled',
  pickup_date: '2026-11-27T21:00:00Z',
  price: 600,
  currency: 'USD',
  tracking_token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  created_at: '2026-11-27T18:02:11Z',
};

/**
 * A store whose moves are S3's: a copy, then a delete, each a call of its own through the
 * plan, so a fault can land between them (both keys then hold the document).
 */
function withS3Moves(store: ObjectStore): ObjectStore {
  return Object.assign(Object.create(store) as ObjectStore, {
    move: async (from: string, to: string, options: MoveOptions = {}) => {
      const object = await store.get(from);
      if (!object) return false;
      await store.put(to, object.body, {
        ...((options.contentType ?? object.contentType)
          ? { contentType: options.contentType ?? object.contentType }
          : {}),
      });
      await store.delete(from);
      return true;
    },
  });
}

/**
 * The store with a count of the calls under way: a failed call ends the operation at once while
 * its siblings (filing runs many at a time) still work, and a listing taken then could see a
 * rename half-way through the folders. The checks wait until those have landed, as a re-run
 * after a crash would find them.
 */
function counted(store: ObjectStore): { store: ObjectStore; idle: () => Promise<void> } {
  let pending = 0;
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        pending += 1;
        return result.finally(() => (pending -= 1));
      };
    },
  });
  return {
    store: proxy,
    idle: async () => {
      while (pending > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    },
  };
}

interface World {
  store: ObjectStore;
  keys: () => Promise<string[]>;
  dispose: () => Promise<void>;
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Each adapter shape the harness runs against: a real folder (renames), and S3-shaped moves. */
const ADAPTERS: [string, () => Promise<World>, (store: ObjectStore) => ObjectStore][] = [
  [
    'folder store',
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'qdn-inbox-faults-'));
      dirs.push(dir);
      const store = new LocalFolderStore(dir, { versioned: (key) => !key.startsWith('inbox/') });
      return {
        store,
        keys: async () => (await store.list('')).map((m) => m.key),
        dispose: () => rm(dir, { recursive: true, force: true }),
      };
    },
    (store) => store,
  ],
  [
    'S3-shaped store',
    async () => {
      const store = new MemoryStore();
      return { store, keys: () => Promise.resolve(store.keys()), dispose: () => Promise.resolve() };
    },
    withS3Moves,
  ],
];

async function seed(world: World): Promise<void> {
  await new JobsRepository(world.store).update((jobs) => ({
    jobs: [...jobs, EXISTING],
    result: null,
    changed: [EXISTING],
  }));
  for (const { name, body } of WAITING) {
    await world.store.put(
      `inbox/new/${name}`,
      typeof body === 'string' ? body : JSON.stringify(body),
      { contentType: 'application/json' },
    );
  }
}

const ingestDeps = (store: ObjectStore) => ({
  data: store,
  repository: new JobsRepository(store),
  publish: () => Promise.resolve(),
  timeZone: TZ,
  now: () => NOW,
});
const reviewDeps = (store: ObjectStore) => ({
  data: store,
  repository: new JobsRepository(store),
  timeZone: TZ,
  now: () => NOW,
});

/** jobs.json parses and no request became two jobs; Mark's job is as it was. */
async function checkJobs(store: ObjectStore): Promise<Job[]> {
  const jobs = await new JobsRepository(store).list();
  const requestIds = jobs.map((j) => j.request_id).filter((id) => id !== undefined);
  expect(new Set(requestIds).size, 'a request made two jobs').toBe(requestIds.length);
  expect(jobs.find((j) => j.job_id === EXISTING.job_id)).toEqual(EXISTING);
  return jobs;
}

/** Every submission is somewhere: still waiting, filed, or held for review. */
async function checkNothingLost(world: World, jobs: Job[]): Promise<void> {
  const keys = new Set(await world.keys());
  for (const { name, body } of WAITING) {
    const places = ['new', 'processed', 'held', 'rejected'].filter((f) =>
      keys.has(`inbox/${f}/${name}`),
    );
    const made = jobs.some((j) => j.request_id === requestIdOf(body));
    expect(places.length > 0 || made, `${name} was lost`).toBe(true);
  }
}

/** After a clean re-run: each submission ended exactly where it belongs, once. */
async function checkSettled(world: World): Promise<void> {
  const jobs = await checkJobs(world.store);
  const keys = new Set(await world.keys());
  const review = await listReview(world.store);
  for (const { name, body, ends } of WAITING) {
    const where = ['new', 'processed', 'held', 'rejected'].filter((f) =>
      keys.has(`inbox/${f}/${name}`),
    );
    expect(where, name).toEqual([ends === 'job' ? 'processed' : ends]);
    const made = jobs.filter((j) => j.request_id === requestIdOf(body));
    expect(made, name).toHaveLength(ends === 'job' ? 1 : 0);
    const listed = review.filter((r) => r.id.endsWith(`/${name}`));
    expect(
      listed.map((r) => r.id),
      name,
    ).toEqual(ends === 'job' ? [] : [`${ends}/${name}`]);
    if (ends !== 'job') expect(listed[0]?.reason).not.toBe('No reason was recorded.');
  }
  expect(jobs).toHaveLength(3); // Mark, a, b
}

/** Runs `operation` through the plan's ports; a failed call must be reported, not swallowed. */
async function faulted(
  plan: FaultPlan,
  fault: Fault | null,
  operation: Promise<unknown>,
): Promise<void> {
  const outcome = await settleOrAbandon(operation, plan);
  if (fault === null) expect(outcome).toBe('ok');
  else if (fault.mode === 'fail') expect(outcome).toMatch(/^error: .*injected fault/);
  else expect(outcome === 'stopped' || outcome === 'ok').toBe(true);
}

describe.each(ADAPTERS)('booking inbox under faults (%s)', (adapter, makeWorld, shape) => {
  it('a pass, failed or stopped at each store call, then re-run: every submission once', async () => {
    const report = await forEachFault(async (plan, fault) => {
      const world = await makeWorld();
      await seed(world);
      const inFlight = counted(world.store);
      const store = shape(plan.wrap(inFlight.store, 'data'));
      await faulted(plan, fault, ingestInbox(ingestDeps(store)));
      await inFlight.idle();
      await checkNothingLost(world, await checkJobs(world.store));

      await ingestInbox(ingestDeps(world.store));
      await checkSettled(world);
      await world.dispose();
    });
    console.log(coverageLine(`inbox ingest (${adapter})`, report));
    expect(report.calls).toBeGreaterThanOrEqual(15);
  });

  it('accepts of possible spam and of a rejection, failed or stopped at each call, then re-run: one job each', async () => {
    const ACCEPTS = ['held/s.json', 'rejected/m.json'];
    const report = await forEachFault(async (plan, fault) => {
      const world = await makeWorld();
      await seed(world);
      await ingestInbox(ingestDeps(world.store));
      const inFlight = counted(world.store);
      const store = shape(plan.wrap(inFlight.store, 'data'));
      const run = async (deps: ReturnType<typeof reviewDeps>) => {
        for (const id of ACCEPTS) await acceptSubmission(deps, id);
      };
      await faulted(plan, fault, run(reviewDeps(store)));
      await inFlight.idle();
      const jobs = await checkJobs(world.store);
      await checkNothingLost(world, jobs);

      await run(reviewDeps(world.store));
      const after = await checkJobs(world.store);
      expect(after).toHaveLength(5); // Mark, a, b, and the two accepted
      for (const id of ACCEPTS) {
        const name = id.split('/')[1];
        const body = WAITING.find((w) => w.name === name)?.body;
        expect(
          after.filter((j) => j.request_id === requestIdOf(body)),
          id,
        ).toHaveLength(1);
      }
      const keys = await world.keys();
      expect(keys.filter((k) => /^inbox\/(held|rejected)\/(s|m)\.json/.test(k))).toEqual([]);
      expect(keys).toEqual(
        expect.arrayContaining(['inbox/processed/s.json', 'inbox/processed/m.json']),
      );
      // What was not accepted is still listed, reasons and all.
      expect((await listReview(world.store)).map((r) => r.id)).toEqual([
        'rejected/x.json', // says no time: first
        'rejected/c.json',
      ]);
      await world.dispose();
    });
    console.log(coverageLine(`inbox accept (${adapter})`, report));
    expect(report.calls).toBeGreaterThanOrEqual(8);
  });
});
