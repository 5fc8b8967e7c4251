import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreApi } from '../../src/core/console/core-api';
import { openWorkspace } from '../../src/core/workspace/open-workspace';
import { startHarness } from '../../src/harness/harness-server';
import type { Harness } from '../../src/harness/harness-server';

let dir: string;
let harness: Harness;
let cookie: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-harness-'));
  const rendererDir = path.join(dir, 'renderer');
  await import('node:fs/promises').then((fs) => fs.mkdir(rendererDir));
  await writeFile(
    path.join(rendererDir, 'index.html'),
    '<html><head><script type="module" src="/app.js"></script></head></html>',
  );
  await writeFile(path.join(rendererDir, 'app.js'), 'console.log("app")');
  const ws = await openWorkspace(path.join(dir, 'ws'));
  harness = await startHarness({ api: createCoreApi(ws), rendererDir, port: 0 });
  const login = await fetch(harness.url, { redirect: 'manual' });
  expect(login.status).toBe(303);
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(async () => {
  await harness.stop();
  await rm(dir, { recursive: true, force: true });
});

const call = (method: string, args: unknown, headers: Record<string, string> = {}) =>
  fetch(`${harness.origin}/__harness/call/${method}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(args),
  });

describe('browser harness', () => {
  it('binds to loopback and makes the key an HttpOnly, SameSite=Strict cookie', async () => {
    expect(new URL(harness.origin).hostname).toBe('127.0.0.1');
    const login = await fetch(harness.url, { redirect: 'manual' });
    // Named per port: cookies are shared across ports, and two harnesses must not clash.
    expect(login.headers.get('set-cookie')).toMatch(
      new RegExp(`^qdn_harness_${new URL(harness.origin).port}=[^;]+; HttpOnly; SameSite=Strict`),
    );
  });

  it('refuses everything without the key, and a wrong key', async () => {
    expect((await fetch(`${harness.origin}/`)).status).toBe(401);
    expect((await fetch(`${harness.origin}/?key=guess`, { redirect: 'manual' })).status).toBe(401);
    const res = await fetch(`${harness.origin}/__harness/call/listJobs`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: `qdn_harness_${new URL(harness.origin).port}=guess`,
      },
      body: '[]',
    });
    expect(res.status).toBe(401);
  });

  it('refuses a request that names another host (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const { port } = new URL(harness.origin);
      request(
        { host: '127.0.0.1', port, path: '/', headers: { host: `evil.example:${port}`, cookie } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      )
        .on('error', reject)
        .end();
    });
    expect(status).toBe(421);
  });

  it('injects the bridge before the renderer so window.qdn exists when it starts', async () => {
    const html = await (await fetch(`${harness.origin}/`, { headers: { cookie } })).text();
    expect(html.indexOf('/__harness/bridge.js')).toBeGreaterThan(-1);
    expect(html.indexOf('/__harness/bridge.js')).toBeLessThan(html.indexOf('/app.js'));
    const bridge = await (
      await fetch(`${harness.origin}/__harness/bridge.js`, { headers: { cookie } })
    ).text();
    expect(bridge).toContain('/__harness/call/');
  });

  it('answers contract calls with the same core the console uses', async () => {
    const created = (await (
      await call('createJob', [
        {
          customer_name: 'Mark',
          address: 'Soderblom Ave',
          pickup_date: '2026-11-27T21:00:00Z',
          price: 600,
        },
      ])
    ).json()) as { ok: boolean; value: { job: { job_id: string }; warning: string | null } };
    expect(created.ok).toBe(true);
    expect(created.value.warning).toBeNull();
    const listed = (await (await call('listJobs', [])).json()) as {
      ok: boolean;
      value: { job_id: string }[];
    };
    expect(listed.value.map((j) => j.job_id)).toEqual([created.value.job.job_id]);
  });

  it('validates every argument and names unknown calls', async () => {
    const bad = (await (await call('setJobStatus', ['../../etc', 'done'])).json()) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(bad.error.message).toMatch(/job id/);
    const unknown = (await (await call('constructor', [])).json()) as { error: { code: string } };
    expect(unknown.error.code).toBe('bad_request');
  });

  it('refuses calls that are not same-origin JSON POSTs', async () => {
    expect((await call('listJobs', [], { origin: 'http://evil.example' })).status).toBe(400);
    expect((await call('listJobs', [], { 'content-type': 'text/plain' })).status).toBe(400);
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await fetch(`${harness.origin}/..%2Fws%2Fconfig.json`, { headers: { cookie } });
    expect(res.status).toBe(404);
  });
});
