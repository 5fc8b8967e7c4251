import { readFile, writeFile } from 'node:fs/promises';
import type { UploadSigner } from '../core/aws/presigned-post-check';
import { errorMessage } from '../shared/errors';

/** The part of Electron's `safeStorage` this needs (the OS keychain's encryption). */
export interface SecretBox {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /**
   * Linux only (absent elsewhere): which secret store seals. `basic_text` means none: Electron
   * then "encrypts" with a password built into it, which any reader of the file can undo.
   */
  getSelectedStorageBackend?(): string;
}

/** Where the keys may come from once, to be sealed: never read again after that. */
export const UPLOADER_ENV = {
  accessKeyId: 'QDN_UPLOADER_ACCESS_KEY_ID',
  secretAccessKey: 'QDN_UPLOADER_SECRET_ACCESS_KEY',
} as const;

export interface GivenKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * Takes the keys out of the environment: read once, then deleted, so no child of this process
 * (`xdg-open` opening a link, a helper) inherits them. Call it as early as the process starts.
 */
export function takeUploaderKeys(env: NodeJS.ProcessEnv = process.env): GivenKeys | null {
  const accessKeyId = env[UPLOADER_ENV.accessKeyId];
  const secretAccessKey = env[UPLOADER_ENV.secretAccessKey];
  delete env[UPLOADER_ENV.accessKeyId];
  delete env[UPLOADER_ENV.secretAccessKey];
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : null;
}

/** Why `box` cannot keep a secret, or null when it can. */
function whyNotSealable(box: SecretBox): string | null {
  if (!box.isEncryptionAvailable()) return 'the OS keychain is unavailable';
  let backend: string | null = null;
  try {
    backend = box.getSelectedStorageBackend?.() ?? null;
  } catch {
    backend = null; // not a Linux build: the OS keychain is what seals
  }
  return backend === 'basic_text'
    ? 'no keyring (GNOME Keyring or KWallet) is running, so Electron would seal them with a password built into it, which protects nothing'
    : null;
}

/**
 * The booking uploader identity's keys (an IAM user allowed only `s3:PutObject` on `inbox/*`),
 * kept in the main process sealed with the OS keychain, never in the workspace's config. They
 * arrive once through the environment (`QDN_UPLOADER_…` at a start, see `takeUploaderKeys`), are
 * sealed into `file`, and are read from there afterwards. Where nothing can seal them for real
 * they are kept in memory for this run only, and the dispatcher is told so: never written in
 * clear, nor under Electron's built-in password. The region is the workspace's, filled in by the
 * booking refresher.
 */
export function uploaderKeyStore(
  file: string,
  box: SecretBox,
  given: GivenKeys | null,
  warn: (message: string) => void = () => {},
): () => Promise<UploadSigner | null> {
  let sealing: Promise<void> | null = null;
  let warned = false;
  const warnOnce = (message: string) => {
    if (!warned) warn(message);
    warned = true;
  };
  return async () => {
    const notSealable = whyNotSealable(box);
    if (given) {
      if (notSealable) {
        warnOnce(
          `The uploader keys are not saved: ${notSealable}. They are kept in memory for this run only; give them again (${UPLOADER_ENV.accessKeyId}, ${UPLOADER_ENV.secretAccessKey}) at the next start.`,
        );
      } else {
        sealing ??= writeFile(file, box.encryptString(JSON.stringify(given)), {
          mode: 0o600,
        }).catch((err: unknown) => {
          warnOnce(
            `The uploader keys could not be saved in ${file} (${errorMessage(err)}); they are kept in memory for this run only.`,
          );
        });
        await sealing;
      }
      return { ...given, region: '' };
    }
    if (box.isEncryptionAvailable() === false) {
      warnOnce(
        'Online booking needs the OS keychain to keep the uploader keys; it is unavailable.',
      );
      return null;
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
    if (notSealable) {
      // Sealed before this check existed: it works, but anyone who can read it can undo it.
      warnOnce(
        `${file} holds the uploader keys sealed without a keychain (${notSealable}): delete it, replace the keys in IAM, and give the new ones at a start with a keyring running.`,
      );
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
