import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceDeploy } from '../../../src/core/workspace/workspace-deploy';
import { listSiteFiles } from '../../../src/core/deploy/site-files';
import { startSandboxEdge } from '../../../src/core/workspace/sandbox-edge';
import type { LocalEdge } from '../../../src/core/sandbox/local-edge';
import { createS3Client, S3Store } from '../../../src/core/storage/s3-store';
import type { ObjectStore } from '../../../src/core/storage/object-store';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import type { Workspace } from '../../../src/core/workspace/open-workspace';
import { writeSite } from './site-fixture';

// The S3 side of the pipeline against a real S3-protocol server on loopback (s3rver): uploads,
// server-side copies between buckets, listings, release manifests and kept copies all go
// through the real SDK. CloudFront cannot run here; a local edge in front of the S3 prod
// bucket (the sandbox's, with its real Cdn adapter) stands in for CloudFront, whose calls the
// cdn-contract tests cover.
let server: S3rver;
let dir: string;
let client: S3Client;
let edge: LocalEdge;
let ws: Workspace;
let site: string;
let stores: { data: S3Store; staging: S3Store; prod: S3Store };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-deploy-s3-'));
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
  stores = {
    data: new S3Store(client, 'qdn-data'),
    staging: new S3Store(client, 'qdn-staging'),
    prod: new S3Store(client, 'qdn-prod', 'site'),
  };
  const sandbox = await openWorkspace(path.join(dir, 'ws'));
  ws = { ...sandbox, data: stores.data, sites: { staging: stores.staging, prod: stores.prod } };
  site = path.join(dir, 'site');
  await deployOver(ws).publishEdgeFunction({ associate: true });
  edge = await startSandboxEdge(ws, { port: 0 });
});

afterAll(async () => {
  await edge?.stop();
  client?.destroy();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const deployOver = (w: Workspace) => workspaceDeploy(w, { surface: 'cli', siteDir: site });

async function text(store: ObjectStore, key: string) {
  return (await store.get(key))?.body.toString('utf8');
}

describe('the deploy pipeline on S3 (s3rver)', () => {
  it('stages, promotes in order with server-side copies, verifies, releases, and rolls back', async () => {
    const deploy = deployOver(ws);
    await writeSite(site, 'v1');
    expect((await deploy.stageSite()).uploaded).toHaveLength(4);
    expect((await deploy.stageSite()).uploaded).toEqual([]);
    const first = await deploy.promote({ invalidate: true, prune: false });
    expect(first.ok).toBe(true);
    expect(first.checks.map((c) => [c.name, c.ok])).toEqual([
      ['Tracking page route', true],
      ['Booking page route', true],
      ['Health document', true],
    ]);
    expect((await stores.prod.head('track.html'))?.contentType).toMatch(/^text\/html/);

    await writeSite(site, 'v2');
    await deploy.stageSite();
    const copies: string[] = [];
    const recordingProd = new Proxy(stores.prod, {
      get(obj, prop, receiver) {
        if (prop !== 'copyFrom') return Reflect.get(obj, prop, receiver) as unknown;
        return (source: ObjectStore, from: string, to: string, o?: object) => {
          copies.push(to);
          return obj.copyFrom(source, from, to, o);
        };
      },
    });
    const second = await deployOver({ ...ws, sites: { ...ws.sites, prod: recordingProd } }).promote(
      { invalidate: true, prune: false },
    );
    expect(second.ok).toBe(true);
    expect(copies.indexOf('assets/app-v2.js')).toBeLessThan(copies.indexOf('track.html'));
    expect(await text(stores.prod, 'track.html')).toContain('track v2');
    const prodFiles = await listSiteFiles(stores.prod);
    const stagingFiles = await listSiteFiles(stores.staging);
    for (const [key, file] of stagingFiles) expect(prodFiles.get(key)?.etag).toBe(file.etag);

    const releases = await deploy.listReleases();
    expect(releases.map((r) => r.buildId)).toEqual(['v2', 'v1']);
    // The edge cached v1's page on the first verify; the rollback's invalidation clears it.
    const back = await deploy.rollback(releases[1]!.id);
    expect(back.ok).toBe(true);
    expect(await text(stores.prod, 'track.html')).toContain('track v1');
    expect(
      await (await fetch(`${edge.url}/track/abcdefghijklmnopqrstuvwxyz012345`)).text(),
    ).toContain('track v1');
    expect((await deploy.listReleases())[0]).toMatchObject({ rolledBackTo: releases[1]!.id });
  });
});
