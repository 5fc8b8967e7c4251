import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { UploadSigner } from '../aws/presigned-post-check';

/** The sandbox's stand-in for the data bucket's name in upload URLs and policies. */
export const SANDBOX_DATA_BUCKET = 'qdn-sandbox-data';
const SANDBOX_REGION = 'us-east-1';
const FILE = 'uploader.json';

/**
 * The sandbox's uploader identity: keys its own local edge accepts and nothing else does. Made
 * once per workspace (owner-only file), so a policy published before a restart still verifies.
 * On AWS the keys are a real least-privilege IAM user's, kept by the shell (Electron's
 * safeStorage), never in a workspace file.
 */
export async function sandboxUploader(workspaceDir: string): Promise<UploadSigner> {
  const file = path.join(workspaceDir, FILE);
  const read = async (): Promise<UploadSigner | null> => {
    try {
      const value = JSON.parse(await readFile(file, 'utf8')) as Partial<UploadSigner>;
      return typeof value.accessKeyId === 'string' && typeof value.secretAccessKey === 'string'
        ? {
            accessKeyId: value.accessKeyId,
            secretAccessKey: value.secretAccessKey,
            region: SANDBOX_REGION,
          }
        : null;
    } catch {
      return null;
    }
  };
  const existing = await read();
  if (existing) return existing;
  const keys = {
    accessKeyId: `QDNSANDBOX${randomBytes(5).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64url'),
  };
  await writeFile(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' }).catch(
    (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err; // another process made it first: use theirs
    },
  );
  const made = await read();
  if (!made) throw new Error(`${file} is not a valid uploader key file.`);
  return made;
}
