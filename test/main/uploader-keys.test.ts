import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { safeStorage } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { takeUploaderKeys, uploaderKeyStore } from '../../src/main/uploader-keys';

// Electron is mocked: its runtime cannot be downloaded or run on these machines. This
// safeStorage stand-in is reversible but leaves nothing readable on disk, and says which
// backend seals, as Electron's does on Linux (`basic_text` when no keyring runs).
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: vi.fn(() => true),
    encryptString: vi.fn((plain: string) => Buffer.from(plain, 'utf8').reverse()),
    decryptString: vi.fn((sealed: Buffer) => Buffer.from(sealed).reverse().toString('utf8')),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
  },
}));
const box = vi.mocked(safeStorage);

const GIVEN = {
  accessKeyId: 'AKIAUPLOADER0001',
  secretAccessKey: 'uploader-secret-000000000000000000000000',
};

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-uploader-'));
  file = path.join(dir, 'uploader-keys.bin');
  vi.clearAllMocks();
  box.isEncryptionAvailable.mockReturnValue(true);
  box.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('uploader keys', () => {
  it('seals keys given once, owner-only and never in clear, and reads them back later', async () => {
    const first = await uploaderKeyStore(file, box, GIVEN)();
    expect(first).toEqual({ ...GIVEN, region: '' });
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain('uploader-secret');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const later = await uploaderKeyStore(file, box, null)();
    expect(later).toEqual(first);
  });

  it('with no keyring on Linux (basic_text) refuses to seal, says so, and keeps them in memory for this run', async () => {
    box.getSelectedStorageBackend.mockReturnValue('basic_text');
    const warnings: string[] = [];
    const keys = uploaderKeyStore(file, box, GIVEN, (m) => warnings.push(m));
    expect(await keys()).toEqual({ ...GIVEN, region: '' });
    expect(await keys()).toEqual({ ...GIVEN, region: '' });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    // eslint-disable-next-line @typescript-eslint/unbound-method -- a vi.fn stand-in: no `this`
    expect(box.encryptString).not.toHaveBeenCalled();
    expect(warnings).toEqual([
      'The uploader keys are not saved: no keyring (GNOME Keyring or KWallet) is running, so Electron would seal them with a password built into it, which protects nothing. They are kept in memory for this run only; give them again (QDN_UPLOADER_ACCESS_KEY_ID, QDN_UPLOADER_SECRET_ACCESS_KEY) at the next start.',
    ]);
  });

  it('names a keys file sealed with no keyring (before this check), and still reads it', async () => {
    await uploaderKeyStore(file, box, GIVEN)();
    box.getSelectedStorageBackend.mockReturnValue('basic_text');
    const warnings: string[] = [];
    expect(await uploaderKeyStore(file, box, null, (m) => warnings.push(m))()).toEqual({
      ...GIVEN,
      region: '',
    });
    expect(warnings[0]).toMatch(
      /uploader-keys\.bin holds the uploader keys sealed without a keychain .*: delete it, replace the keys in IAM/,
    );
  });

  it('has no keys before they are set up; without a keychain at all, given keys live in memory only', async () => {
    expect(await uploaderKeyStore(file, box, null)()).toBeNull();
    box.isEncryptionAvailable.mockReturnValue(false);
    const warnings: string[] = [];
    expect(await uploaderKeyStore(file, box, null, (m) => warnings.push(m))()).toBeNull();
    expect(warnings[0]).toContain('keychain');
    expect(await uploaderKeyStore(file, box, GIVEN, (m) => warnings.push(m))()).toEqual({
      ...GIVEN,
      region: '',
    });
    expect(warnings[1]).toMatch(/^The uploader keys are not saved: the OS keychain is unavailable/);
    await expect(stat(file)).rejects.toThrow();
  });

  it('a keys file that is there but cannot be read is an error naming it, not "no keys"', async () => {
    // A folder where the file should be: a real read failure (EISDIR) even as root.
    await mkdir(file);
    await expect(uploaderKeyStore(file, box, null)()).rejects.toThrow(
      /The uploader keys in .*uploader-keys\.bin could not be read: EISDIR/,
    );
  });

  it('keeps given keys for this run when the file cannot be written, and says so', async () => {
    await writeFile(path.join(dir, 'in-the-way'), '');
    const blocked = path.join(dir, 'in-the-way', 'uploader-keys.bin'); // ENOTDIR
    const warnings: string[] = [];
    expect(await uploaderKeyStore(blocked, box, GIVEN, (m) => warnings.push(m))()).toEqual({
      ...GIVEN,
      region: '',
    });
    expect(warnings[0]).toMatch(/could not be saved in .*in-the-way.*kept in memory for this run/);
  });
});

describe('takeUploaderKeys', () => {
  it('reads the keys once and deletes them from the environment', () => {
    const env: NodeJS.ProcessEnv = {
      QDN_UPLOADER_ACCESS_KEY_ID: GIVEN.accessKeyId,
      QDN_UPLOADER_SECRET_ACCESS_KEY: GIVEN.secretAccessKey,
      PATH: '/usr/bin',
    };
    expect(takeUploaderKeys(env)).toEqual(GIVEN);
    expect(env).toEqual({ PATH: '/usr/bin' });
    expect(takeUploaderKeys(env)).toBeNull();
  });

  it('deletes half a pair too, and gives none', () => {
    const env: NodeJS.ProcessEnv = { QDN_UPLOADER_ACCESS_KEY_ID: 'AKIA' };
    expect(takeUploaderKeys(env)).toBeNull();
    expect(env).toEqual({});
  });
});
