import { createHash } from 'node:crypto';

/** S3's ETag for a single-part upload. */
export const quotedMd5 = (bytes: Buffer | string) =>
  `"${createHash('md5').update(bytes).digest('hex')}"`;

/** Every byte value, twice, plus an invalid UTF-8 sequence: catches any text decoding on the way. */
export const BINARY = Buffer.concat([
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i)),
  Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x00, 0x0d, 0x0a]),
]);
