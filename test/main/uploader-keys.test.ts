import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uploaderKeyStore } from '../../src/main/uploader-keys';
import type { SecretBox } from '../../src/main/uploader-keys';

/** A keychain stand-in: reversible, but nothing readable lands on disk. */
const box = (available = true): SecretBox => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.from(plain, 'utf8').reverse(),
  decryptString: (sealed) => Buffer.from(sealed).reverse().toString('utf8'),
});
const ENV = {
  QDN_UPLOADER_ACCESS_KEY_ID: 'AKIAUPLOADER0001',
  QDN_UPLOADER_SECRET_ACCESS_KEY: 'uploader-secret-000000000000000000000000',
};

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-uploader-'));
  file = path.join(dir, 'uploader-keys.bin');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('uploader keys', () => {
  it('seals keys given once, owner-only and never in clear, and reads them back later', async () => {
    const first = await uploaderKeyStore(file, box(), ENV)();
    expect(first).toMatchObject({ accessKeyId: 'AKIAUPLOADER0001' });
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain('uploader-secret');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const later = await uploaderKeyStore(file, box(), {})();
    expect(later).toEqual({ ...first, region: '' });
  });

  it('has no keys before they are set up, or without a keychain', async () => {
    expect(await uploaderKeyStore(file, box(), {})()).toBeNull();
    const warnings: string[] = [];
    expect(await uploaderKeyStore(file, box(false), ENV, (m) => warnings.push(m))()).toBeNull();
    expect(warnings[0]).toContain('keychain');
    await expect(stat(file)).rejects.toThrow();
  });

  it('a keys file that is there but cannot be read is an error naming it, not "no keys"', async () => {
    // A folder where the file should be: a real read failure (EISDIR) even as root.
    await mkdir(file);
    await expect(uploaderKeyStore(file, box(), {})()).rejects.toThrow(
      /The uploader keys in .*uploader-keys\.bin could not be read: EISDIR/,
    );
  });
});
