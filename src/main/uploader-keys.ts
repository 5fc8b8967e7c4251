import { readFile, writeFile } from 'node:fs/promises';
import type { UploadSigner } from '../core/inbox/presigned-post-check';
import { errorMessage } from '../shared/errors';

/** The part of Electron's `safeStorage` this needs (the OS keychain's encryption). */
export interface SecretBox {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Where the keys may come from once, to be sealed: never read again after that. */
export const UPLOADER_ENV = {
  accessKeyId: 'QDN_UPLOADER_ACCESS_KEY_ID',
  secretAccessKey: 'QDN_UPLOADER_SECRET_ACCESS_KEY',
} as const;

/**
 * The booking uploader identity's keys (an IAM user allowed only `s3:PutObject` on `inbox/*`),
 * kept in the main process sealed with the OS keychain, never in the workspace's config. They
 * arrive once through the environment (`QDN_UPLOADER_…` at a start), are sealed into `file`,
 * and are read from there afterwards. No keychain: no keys (they are never stored in clear).
 * The region is the workspace's, filled in by the booking refresher.
 */
export function uploaderKeyStore(
  file: string,
  box: SecretBox,
  env: NodeJS.ProcessEnv = process.env,
  warn: (message: string) => void = () => {},
): () => Promise<UploadSigner | null> {
  return async () => {
    if (!box.isEncryptionAvailable()) {
      warn('Online booking needs the OS keychain to keep the uploader keys; it is unavailable.');
      return null;
    }
    const accessKeyId = env[UPLOADER_ENV.accessKeyId];
    const secretAccessKey = env[UPLOADER_ENV.secretAccessKey];
    if (accessKeyId && secretAccessKey) {
      const sealed = box.encryptString(JSON.stringify({ accessKeyId, secretAccessKey }));
      await writeFile(file, sealed, { mode: 0o600 });
      return { accessKeyId, secretAccessKey, region: '' };
    }
    let sealed: Buffer;
    try {
      sealed = await readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException | null)?.code === 'ENOENT') return null; // never set up
      // Set up but unreadable: saying "no keys" would send the dispatcher to set them again.
      throw new Error(`The uploader keys in ${file} could not be read: ${errorMessage(err)}`, {
        cause: err,
      });
    }
    try {
      const keys = JSON.parse(box.decryptString(sealed)) as Partial<UploadSigner>;
      if (typeof keys.accessKeyId !== 'string' || typeof keys.secretAccessKey !== 'string') {
        throw new Error('incomplete');
      }
      return { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey, region: '' };
    } catch {
      warn(`${file} could not be unsealed; set the uploader keys again.`);
      return null;
    }
  };
}
