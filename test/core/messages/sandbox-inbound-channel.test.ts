import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { InboundEvent } from '../../../src/core/messages/messages-ports';
import { SANDBOX_PHONE_KEYS } from '../../../src/core/messages/messages-ports';
import {
  queueSandboxInbound,
  SandboxInboundChannel,
} from '../../../src/core/messages/sandbox-inbound-channel';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';

// The sandbox's inbound channel (src/core/messages/sandbox-inbound-channel.ts) on a real folder:
// time order whatever the order of the writes, ten a receive (as SQS), ack deletes, and an
// event acked by someone else between the list and the read is not handed over.

let dir: string;
let data: LocalFolderStore;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-sandbox-channel-'));
  data = new LocalFolderStore(path.join(dir, 'data'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const delivery = (n: number): InboundEvent => ({
  kind: 'delivery',
  providerId: `p-${n}`,
  state: 'delivered',
  at: '2031-04-01T15:00:00Z',
});

it('hands events over in time order, ten at a time; ack deletes just that one', async () => {
  for (const n of [5, 12, 1, 3, 9, 2, 11, 4, 8, 6, 10, 7])
    await queueSandboxInbound(data, delivery(n), 1_000 + n);
  const channel = new SandboxInboundChannel(data);
  const first = await channel.receive();
  expect(first.map((r) => r.event.providerId)).toEqual(
    Array.from({ length: 10 }, (_, i) => `p-${i + 1}`),
  );
  await first[0]!.ack();
  await first[0]!.ack(); // twice is harmless
  const again = await channel.receive();
  expect(again.map((r) => r.event.providerId)).toEqual([
    ...Array.from({ length: 9 }, (_, i) => `p-${i + 2}`),
    'p-11',
  ]);
  expect((await data.list(SANDBOX_PHONE_KEYS.inbound)).length).toBe(11);
});

it('skips an event acked elsewhere between its listing and its read', async () => {
  const key = await queueSandboxInbound(data, delivery(1));
  await queueSandboxInbound(data, delivery(2));
  const racing = new Proxy(data, {
    get(target, prop, receiver) {
      if (prop === 'get') {
        return async (k: string) => {
          if (k === key) await target.delete(k);
          return target.get(k);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  const got = await new SandboxInboundChannel(racing).receive();
  expect(got.map((r) => r.event.providerId)).toEqual(['p-2']);
});

it('refuses to wait when already aborted', async () => {
  const controller = new AbortController();
  controller.abort();
  await expect(
    new SandboxInboundChannel(data).receive({ signal: controller.signal }),
  ).rejects.toThrow();
});

it('hides an event handed over and not acked for its visibility, so newer ones come through', async () => {
  for (let n = 1; n <= 11; n++) await queueSandboxInbound(data, delivery(n), 1_000 + n);
  let now = 5_000;
  const channel = new SandboxInboundChannel(data, { visibilityMs: 30_000, now: () => now });
  expect((await channel.receive()).length).toBe(10); // none acked: reports left waiting
  const next = await channel.receive();
  expect(next.map((r) => r.event.providerId)).toEqual(['p-11']);
  now += 30_000;
  expect((await channel.receive()).map((r) => r.event.providerId)).toEqual(
    Array.from({ length: 10 }, (_, i) => `p-${i + 1}`),
  );
});
