import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startConsoleSession } from '../../../src/core/console/console-session';
import { builtSiteDir } from '../../../src/core/workspace/app-files';
import type { ConsoleSession } from '../../../src/core/console/console-session';
import { MARK_SEED_RECORD } from '../../fixtures/mark';

// The session starts the real local edge on loopback over the built site (npm run build).
let dir: string;
let session: ConsoleSession | null;
let warnings: string[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-session-'));
  await mkdir(path.join(dir, 'data'), { recursive: true });
  session = null;
  warnings = [];
});
afterEach(async () => {
  await session?.close();
  await rm(dir, { recursive: true, force: true });
});

const start = async () => {
  session = await startConsoleSession(dir, { warn: (m) => warnings.push(m) });
  await session.statusDocumentsRefreshed;
  return session;
};

describe('console session start-up', () => {
  it('still starts, serves the site and reports a broken jobs.json, leaving it as it was', async () => {
    const broken = '{ "schema": 2, "jobs": [ {"job_id": ';
    await writeFile(path.join(dir, 'data', 'jobs.json'), broken);

    const { edge, api } = await start();

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Tracking pages were not refreshed.*jobs\.json/);
    const page = await fetch(`${edge!.url}/track/${MARK_SEED_RECORD.tracking_token}`);
    expect(page.status).toBe(200);
    await expect(api.listJobs()).rejects.toThrow(/jobs\.json/);
    expect(await readFile(path.join(dir, 'data', 'jobs.json'), 'utf8')).toBe(broken);
  });

  it("publishes a status document that is missing, e.g. Mark's from the seed", async () => {
    await writeFile(path.join(dir, 'data', 'jobs.json'), JSON.stringify([MARK_SEED_RECORD]));

    const { edge } = await start();

    expect(warnings).toEqual([]);
    const res = await fetch(`${edge!.url}/api/track/${MARK_SEED_RECORD.tracking_token}.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ first_name: 'Mark', status: 'scheduled' });
  });

  it('serves the site this build ships, not one an earlier version left in the workspace', async () => {
    await mkdir(path.join(dir, 'sites', 'prod'), { recursive: true });
    await writeFile(path.join(dir, 'sites', 'prod', 'track.html'), '<p>an older site</p>');

    const { edge } = await start();

    const built = await readFile(path.join(builtSiteDir(), 'track.html'), 'utf8');
    const page = await fetch(`${edge!.url}/track/${MARK_SEED_RECORD.tracking_token}`);
    expect(await page.text()).toBe(built);
  });
});
