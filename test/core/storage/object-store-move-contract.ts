import { describe, expect, it } from 'vitest';
import type { ObjectStore } from '../../../src/core/storage/object-store';
import { BINARY, quotedMd5 } from './object-store-fixtures';

/** move: what every adapter does, whether it renames (a folder) or copies, then deletes (S3). */
export function describeMoveContract(store: () => ObjectStore): void {
  const svg = { contentType: 'image/svg+xml', cacheControl: 'public, max-age=31536000, immutable' };

  describe('move', () => {
    it('moves binary bytes with their ETag, Content-Type and Cache-Control; the old key is gone', async () => {
      const s = store();
      const put = await s.put('inbox/new/icon.bin', BINARY, svg);
      expect(await s.move('inbox/new/icon.bin', 'inbox/processed/icon.bin')).toBe(true);
      const got = await s.get('inbox/processed/icon.bin');
      expect(Buffer.compare(got!.body, BINARY)).toBe(0);
      expect(got).toMatchObject({ etag: put.etag, size: BINARY.length, ...svg });
      expect(await s.head('inbox/processed/icon.bin')).toMatchObject(svg);
      expect(await s.get('inbox/new/icon.bin')).toBeNull();
      expect((await s.list('inbox/')).map((m) => m.key)).toEqual(['inbox/processed/icon.bin']);
    });

    it('keeps a type its new name would not imply, and no Cache-Control where none was given', async () => {
      const s = store();
      await s.put('inbox/new/a.json', '{"a":1}', { contentType: 'application/json' });
      expect(await s.move('inbox/new/a.json', 'inbox/processed/a.txt')).toBe(true);
      const head = await s.head('inbox/processed/a.txt');
      expect(head?.contentType).toBe('application/json');
      expect(head?.cacheControl).toBeUndefined();
    });

    it('moving a missing key gives false and changes nothing', async () => {
      const s = store();
      await s.put('inbox/processed/a.json', 'filed earlier', { contentType: 'application/json' });
      expect(await s.move('inbox/new/a.json', 'inbox/processed/a.json')).toBe(false);
      expect((await s.get('inbox/processed/a.json'))!.body.toString()).toBe('filed earlier');
      expect(await s.get('inbox/new/a.json')).toBeNull();
      expect((await s.list('')).map((m) => m.key)).toEqual(['inbox/processed/a.json']);
    });

    it('moving onto an existing key replaces its bytes and headers with the moved ones', async () => {
      const s = store();
      await s.put('inbox/processed/a.json', 'the older copy', {
        contentType: 'text/plain',
        cacheControl: 'no-store',
      });
      await s.put('inbox/new/a.json', '{"v":2}', { contentType: 'application/json' });
      expect(await s.move('inbox/new/a.json', 'inbox/processed/a.json')).toBe(true);
      const got = await s.get('inbox/processed/a.json');
      expect(got!.body.toString()).toBe('{"v":2}');
      expect(got!.etag).toBe(quotedMd5('{"v":2}'));
      expect(got!.contentType).toBe('application/json');
      expect(got!.cacheControl).toBeUndefined();
      expect(await s.head('inbox/new/a.json')).toBeNull();
    });

    it('replaces the Content-Type when told to, keeping the Cache-Control', async () => {
      const s = store();
      await s.put('inbox/new/c.json', '<script>', svg);
      const opaque = 'application/octet-stream';
      expect(
        await s.move('inbox/new/c.json', 'inbox/rejected/c.json', { contentType: opaque }),
      ).toBe(true);
      expect(await s.head('inbox/rejected/c.json')).toMatchObject({
        contentType: opaque,
        cacheControl: svg.cacheControl,
      });
    });

    it('moves keys with spaces and non-ASCII characters', async () => {
      const s = store();
      await s.put('photos/Mark’s sofa é.png', BINARY, { contentType: 'image/png' });
      expect(await s.move('photos/Mark’s sofa é.png', 'done/Ünïcode key.png')).toBe(true);
      const got = await s.get('done/Ünïcode key.png');
      expect(Buffer.compare(got!.body, BINARY)).toBe(0);
      expect(got!.contentType).toBe('image/png');
      expect(await s.get('photos/Mark’s sofa é.png')).toBeNull();
    });

    it('a move back and forth ends where it started', async () => {
      const s = store();
      await s.put('a/x.json', '{"x":1}', { contentType: 'application/json' });
      expect(await s.move('a/x.json', 'b/x.json')).toBe(true);
      expect(await s.move('b/x.json', 'a/x.json')).toBe(true);
      expect((await s.list('')).map((m) => [m.key, m.etag])).toEqual([
        ['a/x.json', quotedMd5('{"x":1}')],
      ]);
    });

    it.each(['../x', '/abs', 'a//b'])('refuses the invalid key %j on either side', async (bad) => {
      const s = store();
      await s.put('ok.json', '{}');
      await expect(s.move(bad, 'moved.json')).rejects.toThrow(/Invalid object key/);
      await expect(s.move('ok.json', bad)).rejects.toThrow(/Invalid object key/);
      expect((await s.list('')).map((m) => m.key)).toEqual(['ok.json']);
    });
  });
}
