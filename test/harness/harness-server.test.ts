import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreApi } from '../../src/core/console/core-api';
import { openWorkspace } from '../../src/core/workspace/open-workspace';
import { startHarness } from '../../src/harness/harness-server';
import type { Harness } from '../../src/harness/harness-server';
import { EventHub } from '../../src/core/events/event-hub';
import type { DeployProgress } from '../../src/shared/deploy/deploy-api';

let dir: string;
let harness: Harness;
let cookie: string;
let rendererDir: string;
// Core's events: the core under test emits through this hub, as the console session's does.
const hub = new EventHub();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-harness-'));
  rendererDir = path.join(dir, 'renderer');
  await import('node:fs/promises').then((fs) => fs.mkdir(rendererDir));
  await writeFile(
    path.join(rendererDir, 'index.html'),
    '<html><head><script type="module" src="/app.js"></script></head></html>',
  );
  await writeFile(path.join(rendererDir, 'app.js'), 'console.log("app")');
  const ws = await openWorkspace(path.join(dir, 'ws'));
  harness = await startHarness({
    api: createCoreApi(ws, hub.emit),
    subscribe: (listener) => hub.subscribe(listener),
    rendererDir,
    port: 0,
  });
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
          // Ahead of any run: core refuses a create whose pickup is over.
          pickup_date: '2031-11-27T21:00:00Z',
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

  it('answers 404 only for a missing file; a file it cannot read is a 500 naming the cause', async () => {
    const missing = await fetch(`${harness.origin}/nowhere.js`, { headers: { cookie } });
    expect(missing.status).toBe(404);
    // Root reads through chmod 000, so the unreadable file is a symlink loop (ELOOP) instead.
    await symlink('loop.js', path.join(rendererDir, 'loop.js'));
    const broken = await fetch(`${harness.origin}/loop.js`, { headers: { cookie } });
    expect(broken.status).toBe(500);
    expect(await broken.text()).toMatch(/^Harness error: could not read loop\.js: ELOOP/);
  });
});

describe('the event stream', () => {
  const progress: DeployProgress = {
    runId: 'r1',
    action: 'promote',
    step: 'copy',
    state: 'running',
    message: 'Copying 2 of 3 files',
    done: 2,
    total: 3,
  };

  /** Opens the stream as the page's EventSource does, and reads it chunk by chunk. */
  async function openStream(origin: string, cookieHeader: string) {
    const res = await fetch(`${origin}/__harness/events`, {
      headers: { cookie: cookieHeader, accept: 'text/event-stream' },
    });
    const reader = res.body!.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    const decoder = new TextDecoder();
    let text = '';
    return {
      res,
      /** Reads until `pattern` has arrived; null when the stream ends first. */
      async until(pattern: RegExp): Promise<string | null> {
        while (!pattern.test(text)) {
          const { done, value } = await reader.read();
          if (done) return null;
          text += decoder.decode(value, { stream: true });
        }
        return text;
      },
      cancel: () => reader.cancel(),
    };
  }

  it("delivers an event core emits to the page, as the contract's name and JSON payload", async () => {
    const stream = await openStream(harness.origin, cookie);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await stream.until(/: connected\n\n/);
    hub.emit('deployProgress', progress);
    const text = await stream.until(/event: deployProgress\ndata: .*\n\n/);
    const data = /event: deployProgress\ndata: (.*)\n\n/.exec(text ?? '')![1]!;
    expect(JSON.parse(data)).toEqual(progress);
    await stream.cancel();
  });

  it('refuses a page without the cookie, or with a wrong one', async () => {
    const port = new URL(harness.origin).port;
    for (const cookieHeader of ['', `qdn_harness_${port}=guess`]) {
      const res = await fetch(`${harness.origin}/__harness/events`, {
        headers: { cookie: cookieHeader },
      });
      expect(res.status).toBe(401);
      await res.body?.cancel();
    }
  });

  it('ends every open stream when the harness stops, and no longer listens to core', async () => {
    const ownHub = new EventHub();
    let listening = 0;
    const ws = await openWorkspace(path.join(dir, 'ws-stop'));
    const own = await startHarness({
      api: createCoreApi(ws, ownHub.emit),
      subscribe: (listener) => {
        const off = ownHub.subscribe(listener);
        listening++;
        return () => {
          listening--;
          off();
        };
      },
      rendererDir,
      port: 0,
    });
    expect(listening).toBe(1);
    const login = await fetch(own.url, { redirect: 'manual' });
    const stream = await openStream(own.origin, login.headers.get('set-cookie')!.split(';')[0]!);
    await stream.until(/: connected/);
    await own.stop(); // resolves only once the server is closed: the open stream did not hold it
    expect(await stream.until(/event:/)).toBeNull();
    expect(listening).toBe(0);
  });
});
