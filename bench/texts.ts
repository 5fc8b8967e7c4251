// `npm run bench` (texts): issue 18's "a status change to the text handed to the provider ≤ 2 s
// on the sandbox". A job moved to En route through the operation the console and `qdn job
// set-status` use (src/core/operations/texting-status-change.ts), timed from the call to the
// moment the provider (the sandbox's phone) has taken the text: on the sandbox's folders, and on
// S3 behind the latency proxy at 40 ms RTT (bench/latency-proxy.ts), where the round trips of a
// move that texts and one that does not are counted too.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { JobsRepository } from '../src/core/jobs/jobs-repository';
import { JobsService } from '../src/core/jobs/jobs-service';
import type { JobStatus } from '../src/shared/status-flow';
import { StatusPublisher } from '../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../src/core/storage/local-folder-store';
import type { ObjectStore } from '../src/core/storage/object-store';
import { createS3Client, S3Store } from '../src/core/storage/s3-store';
import { OptOutList } from '../src/core/messages/opt-outs';
import { SandboxPhoneSender } from '../src/core/messages/sandbox-phone-sender';
import type { OutgoingText, TextSender } from '../src/core/messages/messages-ports';
import type { FlushDeps } from '../src/core/messages/text-flush';
import { setStatusAndText } from '../src/core/operations/texting-status-change';
import { DATA_BUCKET, PROD_BUCKET, startS3World } from './s3-world';
import { ms, stat } from './lib';

const ROUNDS = Number(process.env.QDN_BENCH_ROUNDS ?? 15);
const RTT_MS = 40;
const TARGET_MS = 2_000;
const RULES = { autoTexts: ['en_route'] as JobStatus[], phoneCountry: 'US' as const };

/** The provider, noting when it took each text. */
class Timed implements TextSender {
  readonly name = 'sandbox' as const;
  tookAt = 0;
  constructor(private readonly inner: TextSender) {}
  async send(text: OutgoingText) {
    const accepted = await this.inner.send(text);
    this.tookAt = performance.now();
    return accepted;
  }
}

function deps(data: ObjectStore, sender: TextSender): FlushDeps {
  return {
    jobs: new JobsRepository(data),
    data,
    sender,
    optOuts: new OptOutList(data),
    settings: {},
    timeZone: 'UTC',
    bodyOf: (job) => `Hi ${job.customer_name}, our crew is on the way: https://x.test/track/t`,
  };
}

/** Times ROUNDS moves to En route, each of a fresh scheduled job; returns ms per move. */
async function timeMoves(data: ObjectStore, prod: ObjectStore, texts: boolean): Promise<number[]> {
  const service = new JobsService(
    new JobsRepository(data),
    new StatusPublisher([prod], { name: 'QuickDumpNow' }),
  );
  const sender = new Timed(new SandboxPhoneSender(data));
  const out: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const { job } = await service.createJob({
      customer_name: `Customer ${i}`,
      address: `${i} Birch Lane`,
      pickup_date: new Date(Date.now() + 86_400_000).toISOString(),
      price: 100,
      phone: `+1 312 555 ${String(100 + i).padStart(4, '0')}`,
    });
    const start = performance.now();
    const saved = await setStatusAndText(
      service,
      () => Promise.resolve(deps(data, sender)),
      job.job_id,
      'en_route',
      undefined,
      texts ? { rules: RULES } : {},
    );
    if (texts && saved.job.texts?.[0]?.state !== 'sent') throw new Error('the text did not go');
    out.push((texts ? sender.tookAt : performance.now()) - start);
  }
  return out;
}

let missed = false;

// The sandbox: folders for the buckets, as a newcomer's console runs.
{
  const dir = await mkdtemp(path.join(tmpdir(), 'qdn-bench-texts-'));
  try {
    const data = new LocalFolderStore(path.join(dir, 'data'));
    const prod = new LocalFolderStore(path.join(dir, 'prod'));
    const took = stat(await timeMoves(data, prod, true));
    console.log(
      `status change → text handed to the sandbox phone (sandbox folders, ${ROUNDS} moves): ` +
        `${ms(took)} (target ≤ ${TARGET_MS} ms)`,
    );
    if (took.median > TARGET_MS) missed = true;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// S3 behind the latency proxy: what an AWS workspace's move costs, and its round trips.
{
  const world = await startS3World();
  const client = createS3Client({
    region: 'us-east-1',
    endpoint: world.proxy.endpoint,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  try {
    world.proxy.setRtt(RTT_MS);
    const data = new S3Store(client, DATA_BUCKET);
    const prod = new S3Store(client, PROD_BUCKET);
    const plain = stat(await timeMoves(data, prod, false));
    const texting = stat(await timeMoves(data, prod, true));
    console.log(
      `status change on S3 at ${RTT_MS} ms RTT (${ROUNDS} moves): no text ${ms(plain)}; ` +
        `→ text handed to the provider ${ms(texting)} (target ≤ ${TARGET_MS} ms)`,
    );
    if (texting.median > TARGET_MS) missed = true;
  } finally {
    client.destroy();
    await world.close();
  }
}

process.exitCode = missed ? 1 : 0;
