import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ObjectStore } from '../../../src/core/storage/object-store';
import { describeCopyContract } from './object-store-copy-contract';
import { describeMoveContract } from './object-store-move-contract';
import { BINARY, quotedMd5 } from './object-store-fixtures';

export interface ContractStore {
  store: ObjectStore;
  /** A second, empty store of the same adapter (another bucket on the same server, another folder). */
  other: ObjectStore;
  cleanup: () => Promise<void>;
}

export interface ContractCapabilities {
  /**
   * Whether the server behind the adapter refuses a copy whose source no longer has the ETag
   * given (CopySourceIfMatch). s3rver ignores the header, so the S3 adapter proves it against a
   * mocked client instead (s3-store-conditional.test.ts).
   */
  refusesStaleCopySource: boolean;
}

/**
 * The unconditional behaviour every ObjectStore adapter must share: both adapters of a port
 * pass the same contract tests. Conditional writes are tested per adapter, because
 * the loopback S3 server cannot honour them; a conditional copy runs where the server can.
 */
export function describeObjectStoreContract(
  name: string,
  makeStore: () => Promise<ContractStore>,
  capabilities: ContractCapabilities,
): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let store: ObjectStore;
    let other: ObjectStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, other, cleanup } = await makeStore());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('get and head of a missing key give null', async () => {
      expect(await store.get('nothing/here.json')).toBeNull();
      expect(await store.head('nothing/here.json')).toBeNull();
    });

    it('put then get round-trips text, contentType and cacheControl', async () => {
      const text = '{"schema":1,"jobs":[]}\n';
      await store.put('data/jobs.json', text, {
        contentType: 'application/json',
        cacheControl: 'max-age=5, must-revalidate',
      });
      const got = await store.get('data/jobs.json');
      expect(got).not.toBeNull();
      expect(got!.key).toBe('data/jobs.json');
      expect(got!.body.toString('utf8')).toBe(text);
      expect(got!.size).toBe(Buffer.byteLength(text));
      expect(got!.contentType).toBe('application/json');
      expect(got!.cacheControl).toBe('max-age=5, must-revalidate');
    });

    it('put then get round-trips binary bytes exactly', async () => {
      await store.put('assets/blob.bin', BINARY, { contentType: 'application/octet-stream' });
      const got = await store.get('assets/blob.bin');
      expect(got).not.toBeNull();
      expect(got!.size).toBe(BINARY.length);
      expect(Buffer.compare(got!.body, BINARY)).toBe(0);
    });

    it('the ETag of a single PUT is the quoted MD5 hex of the bytes', async () => {
      const { etag } = await store.put('a.txt', 'hello etag');
      expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
      expect(etag).toBe(quotedMd5('hello etag'));
      expect((await store.get('a.txt'))!.etag).toBe(etag);
      const bin = await store.put('b.bin', BINARY);
      expect(bin.etag).toBe(quotedMd5(BINARY));
    });

    it('head gives the same metadata as get, without the body', async () => {
      await store.put('track/abc.json', '{"status":"scheduled"}', {
        contentType: 'application/json',
        cacheControl: 'public, max-age=10',
      });
      const got = await store.get('track/abc.json');
      const head = await store.head('track/abc.json');
      expect(head).not.toBeNull();
      expect(head).not.toHaveProperty('body');
      const { body: _body, ...getMeta } = got!;
      expect(head).toEqual(getMeta);
      expect(head!.size).toBe(22);
    });

    it('an overwrite changes content and etag', async () => {
      const first = await store.put('jobs.json', 'version one');
      const second = await store.put('jobs.json', 'version two');
      expect(second.etag).not.toBe(first.etag);
      expect(second.etag).toBe(quotedMd5('version two'));
      const got = await store.get('jobs.json');
      expect(got!.body.toString()).toBe('version two');
      expect(got!.etag).toBe(second.etag);
    });

    it('delete removes the object; deleting a missing key is fine', async () => {
      await store.put('inbox/sub-1.json', '{}');
      await store.delete('inbox/sub-1.json');
      expect(await store.get('inbox/sub-1.json')).toBeNull();
      expect(await store.head('inbox/sub-1.json')).toBeNull();
      expect(await store.list('inbox/')).toEqual([]);
      await expect(store.delete('inbox/never-was.json')).resolves.toBeUndefined();
    });

    it('list(prefix) returns only keys under the prefix, in key order, with sizes and etags', async () => {
      // Written out of order, with neighbours that share a leading string but not the prefix.
      await store.put('inbox/b.json', 'bb');
      await store.put('inbox/a.json', 'a');
      await store.put('inbox/processed/c.json', 'ccc');
      await store.put('inboxes/x.json', 'x');
      await store.put('jobs.json', 'j');
      await store.put('api/inbox/y.json', 'y');

      const listed = await store.list('inbox/');
      expect(listed.map((m) => m.key)).toEqual([
        'inbox/a.json',
        'inbox/b.json',
        'inbox/processed/c.json',
      ]);
      expect(listed.map((m) => m.size)).toEqual([1, 2, 3]);
      expect(listed.map((m) => m.etag)).toEqual([
        quotedMd5('a'),
        quotedMd5('bb'),
        quotedMd5('ccc'),
      ]);

      const all = await store.list('');
      expect(all.map((m) => m.key)).toEqual([
        'api/inbox/y.json',
        'inbox/a.json',
        'inbox/b.json',
        'inbox/processed/c.json',
        'inboxes/x.json',
        'jobs.json',
      ]);
      expect(await store.list('nope/')).toEqual([]);
    });

    it.each(['../x', '/abs', 'a//b', '', 'a/../b', 'a/./b'])(
      'rejects the invalid key %j',
      async (key) => {
        await expect(store.get(key)).rejects.toThrow(/Invalid object key/);
        await expect(store.head(key)).rejects.toThrow(/Invalid object key/);
        await expect(store.put(key, 'x')).rejects.toThrow(/Invalid object key/);
        await expect(store.delete(key)).rejects.toThrow(/Invalid object key/);
        // Nothing was written anywhere the store can see.
        expect(await store.list('')).toEqual([]);
      },
    );

    describeCopyContract(() => ({ store, other }), capabilities);
    describeMoveContract(() => store);
  });
}
