import { describe, expect, it } from 'vitest';
import { PreconditionFailedError } from '../../../src/core/storage/object-store';
import type { ObjectStore } from '../../../src/core/storage/object-store';
import type { ContractCapabilities } from './object-store-contract';
import { BINARY, quotedMd5 } from './object-store-fixtures';

/** copyFrom: within one store, between two stores of the adapter, with and without options. */
export function describeCopyContract(
  stores: () => { store: ObjectStore; other: ObjectStore },
  capabilities: ContractCapabilities,
): void {
  const svg = { contentType: 'image/svg+xml', cacheControl: 'public, max-age=31536000, immutable' };

  describe('copyFrom', () => {
    it('copies within a store: binary bytes, ETag and metadata kept, source untouched', async () => {
      const { store } = stores();
      const put = await store.put('staging/icon.bin', BINARY, svg);
      const copied = await store.copyFrom(store, 'staging/icon.bin', 'prod/icon.bin');
      expect(copied).not.toBeNull();
      expect(copied!.etag).toBe(quotedMd5(BINARY));
      const got = await store.get('prod/icon.bin');
      expect(Buffer.compare(got!.body, BINARY)).toBe(0);
      expect(got).toMatchObject({ etag: put.etag, size: BINARY.length, ...svg });
      const source = await store.get('staging/icon.bin');
      expect(Buffer.compare(source!.body, BINARY)).toBe(0);
    });

    it('copies from another store of the adapter, keeping bytes and metadata', async () => {
      const { store, other } = stores();
      await other.put('assets/icon-1a2b3c4d.svg', BINARY, svg);
      const copied = await store.copyFrom(other, 'assets/icon-1a2b3c4d.svg', 'assets/icon.svg');
      expect(copied!.etag).toBe(quotedMd5(BINARY));
      const got = await store.get('assets/icon.svg');
      expect(Buffer.compare(got!.body, BINARY)).toBe(0);
      expect(got).toMatchObject(svg);
      expect(await other.get('assets/icon.svg')).toBeNull();
    });

    it('copies keys with spaces and non-ASCII characters', async () => {
      const { store, other } = stores();
      await other.put('photos/Mark’s sofa é.png', BINARY, { contentType: 'image/png' });
      const copied = await store.copyFrom(other, 'photos/Mark’s sofa é.png', 'in/Ünïcode key.png');
      expect(copied!.etag).toBe(quotedMd5(BINARY));
      const got = await store.get('in/Ünïcode key.png');
      expect(Buffer.compare(got!.body, BINARY)).toBe(0);
      expect(got!.contentType).toBe('image/png');
    });

    it('replaces the metadata when options give it', async () => {
      const { store, other } = stores();
      await other.put('track.html', '<!doctype html>', svg);
      const html = { contentType: 'text/html; charset=utf-8', cacheControl: 'public, max-age=0' };
      await store.copyFrom(other, 'track.html', 'track.html', html);
      expect(await store.head('track.html')).toMatchObject(html);
      expect((await store.get('track.html'))!.body.toString()).toBe('<!doctype html>');
      // The source keeps its own.
      expect(await other.head('track.html')).toMatchObject(svg);
    });

    it('replaces only the field given and keeps the source’s other one', async () => {
      const { store } = stores();
      await store.put('a.json', '{}', svg);
      await store.copyFrom(store, 'a.json', 'type.json', { contentType: 'application/json' });
      expect(await store.head('type.json')).toMatchObject({
        contentType: 'application/json',
        cacheControl: svg.cacheControl,
      });
      await store.copyFrom(store, 'a.json', 'cache.json', { cacheControl: 'no-store' });
      expect(await store.head('cache.json')).toMatchObject({
        contentType: svg.contentType,
        cacheControl: 'no-store',
      });
    });

    it('gives null for a missing source and writes nothing', async () => {
      const { store, other } = stores();
      expect(await store.copyFrom(other, 'nothing.json', 'copy.json')).toBeNull();
      expect(await store.copyFrom(store, 'nothing.json', 'copy.json')).toBeNull();
      // Options that need the source's metadata first must not trip over its absence either.
      expect(
        await store.copyFrom(store, 'nothing.json', 'copy.json', { cacheControl: 'no-store' }),
      ).toBeNull();
      expect(await store.get('copy.json')).toBeNull();
      expect(await store.list('')).toEqual([]);
    });

    it('copies while the source still has the ETag given', async () => {
      const { store, other } = stores();
      const { etag } = await other.put('index.html', 'v1');
      const copied = await store.copyFrom(other, 'index.html', 'index.html', {
        ifSourceMatch: etag,
      });
      expect(copied!.etag).toBe(etag);
      expect((await store.get('index.html'))!.body.toString()).toBe('v1');
    });

    it.skipIf(!capabilities.refusesStaleCopySource)(
      'refuses a source whose ETag changed, with PreconditionFailedError, and writes nothing',
      async () => {
        const { store, other } = stores();
        const stale = await other.put('track.html', 'v1');
        await other.put('track.html', 'v2');
        await store.put('track.html', 'v2');
        for (const source of [other, store]) {
          const err = await store
            .copyFrom(source, 'track.html', 'copy.html', { ifSourceMatch: stale.etag })
            .catch((e: unknown) => e);
          expect(err).toBeInstanceOf(PreconditionFailedError);
          expect((err as PreconditionFailedError).key).toBe('track.html');
          expect(await store.get('copy.html')).toBeNull();
        }
      },
    );
  });
}
