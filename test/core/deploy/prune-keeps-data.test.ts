import { cp, mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cdn } from '../../../src/core/cdn/cdn';
import {
  publishBookingDocument,
  publishBusinessDocument,
} from '../../../src/core/inbox/booking-document';
import { StatusPublisher } from '../../../src/core/publishing/status-publisher';
import { LocalEdgeCdn } from '../../../src/core/sandbox/local-edge-cdn';
import { createS3Client, S3Store } from '../../../src/core/storage/s3-store';
import type { ObjectStore } from '../../../src/core/storage/object-store';
import { workspaceDeploy } from '../../../src/core/workspace/workspace-deploy';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import type { Workspace } from '../../../src/core/workspace/open-workspace';
import type { BookingDocument } from '../../../src/shared/inbox/booking-document';
import {
  BOOKING_DOCUMENT_KEY,
  BUSINESS_DOCUMENT_KEY,
  statusDocumentKey,
} from '../../../src/shared/site-keys';
import { MARK_SEED_RECORD } from '../../fixtures/mark';
import { coverageLine, forEachFault, settleOrAbandon } from '../../support/fault-plan';
import { writeSite } from './site-fixture';

/**
 * A promote --prune deletes what staging no longer holds, and nothing that is data: the booking
 * and business documents and every status document are written into prod by the console, never
 * by the build, so staging never holds them and a prune must never take them for files the
 * build dropped. Each run checks the prune did happen (v1's script goes), so the data's
 * survival is not an accident of a prune that deleted nothing.
 */

const BUSINESS = { name: 'QuickDumpNow', phone: '+15555550100', time_zone: 'America/Chicago' };
const BOOKING: BookingDocument = {
  schema: 1,
  business: BUSINESS,
  upload: {
    url: 'http://127.0.0.1:9/upload',
    fields: { policy: 'p' },
    key_prefix: 'inbox/new/',
    content_type: 'application/json',
    max_bytes: 8192,
    expires_at: '2030-01-01T00:00:00Z',
  },
};
const DATA_KEYS = [
  BOOKING_DOCUMENT_KEY,
  BUSINESS_DOCUMENT_KEY,
  statusDocumentKey(MARK_SEED_RECORD.tracking_token),
];

/** The console's documents in prod, written by the console's own writers. */
async function publishData(prod: ObjectStore): Promise<Record<string, string | null>> {
  await publishBookingDocument(prod, BOOKING);
  await publishBusinessDocument(prod, BUSINESS);
  await new StatusPublisher([prod], BUSINESS).publish([MARK_SEED_RECORD]);
  const data = await dataIn(prod);
  for (const key of DATA_KEYS) expect(data[key], key).toBeTruthy();
  return data;
}

async function dataIn(prod: ObjectStore): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const key of DATA_KEYS) out[key] = (await prod.get(key))?.body.toString('utf8') ?? null;
  return out;
}

/** A CDN that records every batch of paths it is asked to invalidate. */
function recording(cdn: Cdn): { cdn: Cdn; asked: string[][] } {
  const asked: string[][] = [];
  const proxy = new Proxy(cdn, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver) as unknown;
      if (prop !== 'invalidate' || typeof value !== 'function') return value;
      return (paths: readonly string[], ...rest: unknown[]) => {
        asked.push([...paths]);
        return (value as (...a: unknown[]) => unknown).apply(obj, [paths, ...rest]);
      };
    },
  });
  return { cdn: proxy, asked };
}

describe('promote --prune on S3 (s3rver) keeps the data documents', () => {
  let server: S3rver;
  let dir: string;
  let client: S3Client;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'qdn-prune-s3-'));
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: path.join(dir, 's3'),
      configureBuckets: [{ name: 'qdn-data' }, { name: 'qdn-staging' }, { name: 'qdn-prod' }],
    });
    const { port } = await server.run();
    client = createS3Client({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  });
  afterAll(async () => {
    client?.destroy();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prunes the script v2 dropped, keeps the booking, business and status documents, and invalidates every book route', async () => {
    const sandbox = await openWorkspace(path.join(dir, 'ws'));
    const prod = new S3Store(client, 'qdn-prod', 'site');
    const { cdn, asked } = recording(new LocalEdgeCdn(sandbox.dir, { invalidationDelayMs: 0 }));
    const ws: Workspace = {
      ...sandbox,
      data: new S3Store(client, 'qdn-data'),
      sites: { staging: new S3Store(client, 'qdn-staging'), prod },
      cdns: () => Promise.resolve([cdn]),
    };
    const site = path.join(dir, 'site');
    // An asset both versions keep, as the real site's icon: s3rver removes a folder a delete
    // leaves empty, racing a PUT into that folder beside it (its write stream then fails
    // unheard, ENOENT, after a 200). Stage v2 deletes app-v1 beside putting app-v2.
    const icon = { 'assets/icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>' };
    const deploy = workspaceDeploy(ws, {
      surface: 'cli',
      siteDir: site,
      invalidationTimeoutMs: 5_000,
    });
    await writeSite(site, 'v1', icon);
    await deploy.stageSite();
    await deploy.promote({ invalidate: false, prune: false });
    const data = await publishData(prod);
    await writeSite(site, 'v2', icon);
    await rm(path.join(site, 'assets', 'app-v1.js'));
    await deploy.stageSite();

    const plan = await deploy.planPromote();
    expect(plan.removed).toEqual(['assets/app-v1.js']);
    const report = await deploy.promote({ invalidate: true, prune: true });
    expect(report.ok, report.warnings.join(' ')).toBe(true);
    expect(report.pruned).toEqual(['assets/app-v1.js']);
    expect(await prod.head('assets/app-v1.js')).toBeNull(); // the prune really deleted
    expect(await dataIn(prod)).toEqual(data);
    // book.html changed: its page, the form's route and every quote link's route.
    expect(asked.flat()).toEqual(expect.arrayContaining(['/book', '/book.html', '/book/*']));
  }, 60_000);
});

describe('promote --prune under deterministic faults keeps the data documents', () => {
  let root: string;
  let site: string;
  let template: string;

  /** A pid no process has: the owner a killed run leaves in the journal (as deploy-faults). */
  const GONE = { host: hostname(), pid: 2 ** 22 + 7 };
  const deployOver = (w: Workspace, owner?: typeof GONE) =>
    workspaceDeploy(w, {
      surface: 'cli',
      siteDir: site,
      invalidationTimeoutMs: 5_000,
      ...(owner ? { owner } : {}),
    });

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'qdn-prune-faults-'));
    site = path.join(root, 'site');
    template = path.join(root, 'template');
    const ws = await openWorkspace(template);
    const d = deployOver(ws);
    await writeSite(site, 'v1');
    await d.stageSite();
    await d.promote({ invalidate: false, prune: false });
    await publishData(ws.sites.prod);
    await writeSite(site, 'v2');
    await rm(path.join(site, 'assets', 'app-v1.js'));
    await d.stageSite();
  }, 60_000);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('failed or stopped at any call, then re-run: the data documents are never touched', async () => {
    let runs = 0;
    const report = await forEachFault(async (plan) => {
      const dir = path.join(root, `run-${++runs}`);
      await cp(template, dir, { recursive: true });
      try {
        const opened = await openWorkspace(dir);
        const ws: Workspace = {
          ...opened,
          cdns: () => Promise.resolve([new LocalEdgeCdn(dir, { invalidationDelayMs: 0 })]),
        };
        const before = await dataIn(ws.sites.prod);
        const cdn = plan.wrap(new LocalEdgeCdn(dir, { invalidationDelayMs: 0 }), 'cdn');
        const faulty = deployOver(
          {
            ...ws,
            data: plan.wrap(ws.data, 'data'),
            sites: {
              staging: plan.wrap(ws.sites.staging, 'staging'),
              prod: plan.wrap(ws.sites.prod, 'prod'),
            },
            cdns: () => Promise.resolve([cdn]),
          },
          GONE,
        );
        await settleOrAbandon(faulty.promote({ invalidate: true, prune: true }), plan);
        expect(await dataIn(ws.sites.prod)).toEqual(before);

        // The next command finishes what a failed or killed run started, prune included.
        const rerun = await deployOver(ws).promote({ invalidate: true, prune: true });
        expect(rerun.ok, rerun.warnings.join(' ')).toBe(true);
        expect(await ws.sites.prod.head('assets/app-v1.js')).toBeNull();
        expect(await dataIn(ws.sites.prod)).toEqual(before);
      } finally {
        await rm(dir, { recursive: true, force: true, maxRetries: 20 });
      }
    });
    console.log(coverageLine('promote --prune (data documents)', report));
    expect(report.calls).toBeGreaterThan(8);
  }, 300_000);
});
