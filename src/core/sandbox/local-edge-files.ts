import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { QdnError } from '../../shared/errors';
import { describeRecordError } from '../../shared/validation-message';
import { storageFailure } from '../storage/durable-file';
import { withFileLock } from '../storage/file-lock';

/**
 * The sandbox distribution's configuration, kept in the workspace the way CloudFront keeps it:
 * each function's DEVELOPMENT and LIVE stages (`edge/functions/<name>.json`) and which function
 * the default behavior runs on viewer requests (`edge/distribution.json`). The console, the
 * CLI and every local edge of the workspace read the same files; writers take one lock.
 */
export const EDGE_DIR = 'edge';
/** A sandbox has no AWS account; ARNs keep CloudFront's form so messages read the same. */
const ARN_PREFIX = 'arn:aws:cloudfront::000000000000:function/';

const stageSchema = z.object({
  code: z.string(),
  etag: z.string(),
  lastModified: z.iso.datetime(),
});
const functionSchema = z.object({
  name: z.string(),
  comment: z.string(),
  arn: z.string(),
  created: z.iso.datetime(),
  DEVELOPMENT: stageSchema,
  LIVE: stageSchema.nullable(),
});
const distributionSchema = z.object({ viewer_request_function_arn: z.string().nullable() });

export type FunctionStageRecord = z.infer<typeof stageSchema>;
export type FunctionRecord = z.infer<typeof functionSchema>;
export type DistributionRecord = z.infer<typeof distributionSchema>;

/** CloudFront's rule for function names; it also keeps a name from leaving the folder. */
export function assertFunctionName(name: string): void {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
    throw new Error(`"${name}" is not a valid function name (1–64 of A–Z a–z 0–9 _ -).`);
  }
}

export const functionArn = (name: string): string => `${ARN_PREFIX}${name}`;
/** The function name an ARN of this sandbox names, or null for any other ARN. */
export function functionNameOf(arn: string): string | null {
  const name = arn.startsWith(ARN_PREFIX) ? arn.slice(ARN_PREFIX.length) : '';
  return /^[A-Za-z0-9_-]{1,64}$/.test(name) ? name : null;
}

/** An ETag in CloudFront's style: E and 13 upper-case letters and digits. */
export function newEtag(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return `E${[...randomBytes(13)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

export class LocalEdgeFiles {
  readonly root: string;

  constructor(workspaceDir: string) {
    this.root = path.join(path.resolve(workspaceDir), EDGE_DIR);
  }

  functionFile(name: string): string {
    assertFunctionName(name);
    return path.join(this.root, 'functions', `${name}.json`);
  }

  async readFunction(name: string): Promise<FunctionRecord | null> {
    return readJson(this.functionFile(name), functionSchema);
  }

  async writeFunction(record: FunctionRecord): Promise<void> {
    await writeJsonAtomically(this.functionFile(record.name), record);
  }

  async readDistribution(): Promise<DistributionRecord> {
    const file = path.join(this.root, 'distribution.json');
    return (await readJson(file, distributionSchema)) ?? { viewer_request_function_arn: null };
  }

  async writeDistribution(record: DistributionRecord): Promise<void> {
    await writeJsonAtomically(path.join(this.root, 'distribution.json'), record);
  }

  /**
   * The code a local edge runs: the LIVE stage of the function the distribution associates;
   * null when none is associated or it has no LIVE stage (requests pass through unrewritten).
   */
  async liveViewerRequestCode(): Promise<{ arn: string; etag: string; code: string } | null> {
    const { viewer_request_function_arn: arn } = await this.readDistribution();
    const name = arn ? functionNameOf(arn) : null;
    const live = name ? (await this.readFunction(name))?.LIVE : null;
    return arn && live ? { arn, etag: live.etag, code: live.code } : null;
  }

  /** Serialises read-change-write of these files across processes (console, CLI, tests). */
  async withLock<T>(work: () => Promise<T>): Promise<T> {
    return withFileLock(this.root, work, { lockfilePath: path.join(this.root, '.lock') });
  }
}

/**
 * The parsed file; null when it does not exist. One that cannot be read or does not parse is
 * an error naming it and saying what is wrong, in one sentence.
 */
export async function readJson<T>(file: string, schema: z.ZodType<T>): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw storageFailure('read', file, err);
  }
  try {
    return schema.parse(JSON.parse(text));
  } catch (err) {
    throw new QdnError(
      'storage_unavailable',
      `The sandbox edge record ${file} is damaged (${describeRecordError(err)}): repair it, or delete it and run \`qdn deploy function --publish\` to make it again.`,
    );
  }
}

/** Temp file, flushed, then renamed over: a reader sees the old file or the new, never half. */
export async function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
}
