import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InboundRecorder } from '../../../src/core/messages/inbound-recorder';
import { SANDBOX_PHONE_KEYS } from '../../../src/core/messages/messages-ports';
import { OptOutList } from '../../../src/core/messages/opt-outs';
import { SandboxInboundChannel } from '../../../src/core/messages/sandbox-inbound-channel';
import type { LocalEdge } from '../../../src/core/sandbox/local-edge';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import type { Workspace } from '../../../src/core/workspace/open-workspace';
import { startSandboxEdge } from '../../../src/core/workspace/sandbox-edge';
import { inboundJobs, MARK_PHONE, writeJobs } from './inbound-world';

// The sandbox's phone page (src/core/messages/sandbox-phone-page.ts) on a real sandbox's local
// edge over HTTP on 127.0.0.1 (composed in src/core/workspace/sandbox-edge.ts): what it shows,
// that a reply posted there reaches the job, and that bad input queues nothing.

let dir: string;
let ws: Workspace;
let edge: LocalEdge;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-phone-page-'));
  ws = await openWorkspace(dir);
  await writeJobs(path.join(dir, 'data'), inboundJobs());
  edge = await startSandboxEdge(ws, { port: 0 });
  const text = (id: string, to: string, body: string, at: string) =>
    ws.data.put(
      `${SANDBOX_PHONE_KEYS.texts}${id}.json`,
      JSON.stringify({ id, to, body, at, provider_id: `sandbox-${id}` }),
    );
  await text(
    '00000000000000b1',
    MARK_PHONE,
    'Older: scheduled for Tuesday',
    '2031-04-01T10:00:00Z',
  );
  await text(
    '00000000000000b2',
    MARK_PHONE,
    'Newer <b>bold</b> & on the way: http://127.0.0.1:1/track/abcdefghijklmnopqrstuvwxyz012345. Thanks',
    '2031-04-01T11:00:00Z',
  );
  await text(
    '00000000000000b3',
    '+12065550100',
    'Dee: see https://example.com/x?a=1&b=2',
    '2031-04-01T09:00:00Z',
  );
});
afterAll(async () => {
  await edge?.stop();
  await rm(dir, { recursive: true, force: true });
});
const queued = async () => (await ws.data.list(SANDBOX_PHONE_KEYS.inbound)).length;
beforeEach(async () => {
  for (const meta of await ws.data.list(SANDBOX_PHONE_KEYS.inbound)) await ws.data.delete(meta.key);
});

describe('the sandbox phone page', () => {
  it('lists the newest number first and its texts newest first, as text, links tappable on this edge', async () => {
    const res = await fetch(`${edge.url}/__phone/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain(`Texts to ${MARK_PHONE}`);
    expect(html.indexOf('Newer')).toBeLessThan(html.indexOf('Older'));
    expect(html).not.toContain('Dee: see'); // another number's thread
    expect(html).toContain('Newer &lt;b&gt;bold&lt;/b&gt; &amp; on the way');
    expect(html).not.toContain('<b>bold</b>');
    // The loopback link opens on this edge, whatever port the text was written with.
    expect(html).toContain(
      '<a href="/track/abcdefghijklmnopqrstuvwxyz012345">http://127.0.0.1:1/track/abcdefghijklmnopqrstuvwxyz012345</a>. Thanks',
    );
    expect(html).not.toContain(edge.adminKey);

    const dee = await (
      await fetch(`${edge.url}/__phone/?n=${encodeURIComponent('+12065550100')}`)
    ).text();
    expect(dee).toContain(
      '<a href="https://example.com/x?a=1&amp;b=2">https://example.com/x?a=1&amp;b=2</a>',
    );
    const json = (await (await fetch(`${edge.url}/__phone/texts.json`)).json()) as {
      texts: { id: string }[];
    };
    expect(json.texts.map((t) => t.id)).toEqual([
      '00000000000000b2',
      '00000000000000b1',
      '00000000000000b3',
    ]);
    expect((await fetch(`${edge.url}/__phone/phone.js`)).headers.get('content-type')).toMatch(
      /^text\/javascript/,
    );
    expect((await fetch(`${edge.url}/__phone/nothing`)).status).toBe(404);
    const bare = await fetch(`${edge.url}/__phone`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/__phone/']);
  });

  it("queues a reply posted as JSON, and one receive pass lands it on the customer's job", async () => {
    const res = await fetch(`${edge.url}/__phone/reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '(312) 555-0142', text: 'Gate is <open>' }),
    });
    expect(res.status).toBe(202);
    expect(await queued()).toBe(1);
    const recorder = new InboundRecorder({
      jobs: ws.repository,
      data: ws.data,
      optOuts: new OptOutList(ws.data),
      country: 'US',
    });
    const pass = await recorder.pass(new SandboxInboundChannel(ws.data));
    expect(pass.changed.map((j) => j.job_id)).toEqual(['aaaaaaaaaaaaaaa2']);
    const job = (await ws.repository.list()).find((j) => j.job_id === 'aaaaaaaaaaaaaaa2')!;
    expect(job.texts!.at(-1)).toMatchObject({
      from: MARK_PHONE,
      body: 'Gate is <open>',
      state: 'received',
    });
  });

  it('takes the page form without script, and sends the browser back to the thread', async () => {
    const res = await fetch(`${edge.url}/__phone/reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ from: MARK_PHONE, text: 'On my way out' }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(
      `/__phone/?n=${encodeURIComponent(MARK_PHONE)}&sent=1`,
    );
    expect(await queued()).toBe(1);
  });

  it('refuses bad input and queues nothing', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${edge.url}/__phone/reply`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
    const cases: [Promise<Response>, number, RegExp][] = [
      [
        post(JSON.stringify({ from: MARK_PHONE, text: 'x'.repeat(20_000) })),
        413,
        /at most 16384 bytes/,
      ],
      [
        post(JSON.stringify({ from: MARK_PHONE, text: 'x'.repeat(1601) })),
        400,
        /at most 1600 characters/,
      ],
      [post('{"from": '), 400, /not JSON/],
      [
        post(JSON.stringify({ from: 'call me maybe', text: 'hi' })),
        400,
        /"from" is not a phone number/,
      ],
      [post(JSON.stringify({ from: '123', text: 'hi' })), 400, /"from" is not a phone number/],
      [post(JSON.stringify({ from: MARK_PHONE, text: '   ' })), 400, /empty/],
      [post(JSON.stringify([1, 2])), 400, /"from"/],
      [post('from=1&text=2', 'text/plain'), 415, /form or JSON/],
      [fetch(`${edge.url}/__phone/reply`), 405, /POST/],
    ];
    for (const [response, status, message] of cases) {
      const res = await response;
      expect([res.status, await res.text()]).toEqual([status, expect.stringMatching(message)]);
    }
    expect(await queued()).toBe(0);
  });

  it('leaves every other path to the site', async () => {
    const res = await fetch(`${edge.url}/__phonebook`);
    expect(res.status).not.toBe(200);
    expect(res.headers.get('x-cache')).toMatch(/cloudfront/);
  });
});
