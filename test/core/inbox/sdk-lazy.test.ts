import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { mintBookingDocument } from '../../../src/core/inbox/booking-document';
import { checkPresignedPost } from '../../../src/core/aws/presigned-post-check';
import type { UploadSigner } from '../../../src/core/aws/presigned-post-check';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Every file a module loads before any of its code runs: its static imports, transitively. */
async function staticGraph(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    splitting: true,
    outdir: 'out/graph-unused',
    metafile: true,
    logLevel: 'silent',
    external: ['electron'],
  });
  const { inputs } = result.metafile;
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    for (const use of inputs[file]?.imports ?? []) {
      // A dynamic import() loads only when that code runs: not part of start-up.
      if (use.kind !== 'dynamic-import') stack.push(use.path);
    }
  }
  return [...seen];
}

describe('the AWS SDK loads only where AWS is used', () => {
  it.each([
    'src/core/inbox/booking-refresher.ts',
    'src/core/inbox/inbox-service.ts',
    'src/cli/sandbox-command.ts',
    'src/core/console/console-session.ts',
  ])(
    '%s starts without it',
    async (entry) => {
      const graph = await staticGraph(entry);
      expect(graph.length).toBeGreaterThan(5);
      expect(graph.filter((file) => file.includes('@aws-sdk/'))).toEqual([]);
    },
    60_000,
  );

  it('the sandbox signs its policy itself, exactly as the SDK would', async () => {
    const signer: UploadSigner = {
      accessKeyId: 'QDNSANDBOXTEST01',
      secretAccessKey: 'sandbox-secret-for-tests-only-0000000000',
      region: 'us-east-1',
    };
    const options = {
      target: { bucket: 'qdn-sandbox-data', prefix: '', endpoint: 'http://127.0.0.1:4780' },
      signer,
      business: { name: 'QuickDumpNow', time_zone: 'America/Chicago' },
      now: new Date('2026-11-28T09:00:00.250Z'),
    };
    const local = await mintBookingDocument({ ...options, signLocally: true });
    const sdk = await mintBookingDocument(options);
    expect(local).toEqual(sdk);
    // And the local edge's check takes it.
    const parts = [
      ...Object.entries({ ...local.upload.fields, key: 'inbox/new/x.json' }),
      ['file', '{"a":1}'],
    ].map(([name, value]) => ({
      name: name ?? '',
      filename: name === 'file' ? 'x.json' : null,
      contentType: null,
      data: Buffer.from(value ?? ''),
    }));
    expect(checkPresignedPost(parts, 'qdn-sandbox-data', signer, options.now)).toMatchObject({
      ok: true,
      key: 'inbox/new/x.json',
    });
  });
});
