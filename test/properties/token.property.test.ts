import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractToken } from '../../src/shared/tracking-token';
import { check } from './property-runs';

// Every link a phone may hand the page for a valid token yields that token; nothing else
// yields a token at all.

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'.split('');
const tokenOf = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(...TOKEN_CHARS), { minLength: min, maxLength: max })
    .map((c) => c.join(''));
// The bounds themselves are drawn as often as the rest: a random length seldom lands on them,
// and a page that took 31 characters (or refused 32) must not pass.
const validToken = fc.oneof(tokenOf(32, 32), tokenOf(128, 128), tokenOf(32, 128));

const host = fc.constantFrom(
  'https://quickdumpnow.com',
  'http://127.0.0.1:4780',
  'https://d1.cloudfront.net',
);
/** Where a link carries the token, in the forms links have been seen in. */
const placement = fc.constantFrom(
  (t: string) => `/track/${t}`,
  (t: string) => `/book/${t}`,
  (t: string) => `/track/${t}/`,
  (t: string) => `//track//${t}`,
  (t: string) => `/track.html?t=${t}`,
  (t: string) => `/track.html?token=${t}&utm_source=sms`,
  (t: string) => `/track.html#${t}`,
  (t: string) => `/track.html#t=${t}`,
  (t: string) => `/#/track/${t}`,
);
/** What SMS and mail apps glue on after a link. */
const trailing = fc.constantFrom(
  '',
  '.',
  ',',
  '!',
  '?',
  ')',
  ').',
  ']',
  '"',
  "'",
  '%20See%20you%20soon',
  '%E2%80%8B',
  '%C2%BB',
  '*',
  '>',
);
/** Percent-encodes some token characters, as some apps do; decoding must restore them. */
const encodeSome = (token: string, mask: boolean[]) =>
  [...token]
    .map((ch, i) =>
      mask[i % mask.length] ? `%${ch.charCodeAt(0).toString(16).toUpperCase()}` : ch,
    )
    .join('');

function locationOf(href: string) {
  const url = new URL(href);
  return { pathname: url.pathname, search: url.search, hash: url.hash };
}

describe('extractToken (properties)', () => {
  it('finds a valid token in every form of link a phone may produce', () =>
    check(
      fc.property(
        validToken,
        host,
        placement,
        trailing,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (token, origin, place, tail, mask, encode) => {
          const href = origin + place(encode ? encodeSome(token, mask) : token) + tail;
          expect(extractToken(locationOf(href))).toEqual({ kind: 'ok', token });
        },
      ),
    ));

  it('yields no token from a token too short or too long, in any of those forms', () =>
    check(
      fc.property(
        fc.oneof(tokenOf(31, 31), tokenOf(129, 129), tokenOf(1, 31), tokenOf(129, 200)),
        host,
        placement,
        trailing,
        (token, origin, place, tail) => {
          expect(extractToken(locationOf(origin + place(token) + tail)).kind).not.toBe('ok');
        },
      ),
    ));

  it('yields no token when something that is not a separator is glued onto it', () =>
    check(
      fc.property(
        validToken,
        host,
        fc.constantFrom(
          (t: string) => `/track/${t}`,
          (t: string) => `/BOOK/${t}`,
          (t: string) => `/track.html#${t}`,
          (t: string) => `/track.html#t=${t}`,
          (t: string) => `/#/track/${t}`,
        ),
        fc.constantFrom('é', '~', '$', '@', '%E2%82%AC', '=1', '%', '(', '|'),
        (token, origin, place, glued) => {
          expect(extractToken(locationOf(origin + place(token + glued))).kind).not.toBe('ok');
        },
      ),
    ));

  it('never yields a token that is not in the URL, and never throws, whatever the URL', () =>
    check(
      fc.property(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.string(),
        (base, junk) => {
          const href = `${base}/${encodeURIComponent(junk)}`;
          const result = extractToken(locationOf(href));
          if (result.kind === 'ok') {
            expect(result.token).toMatch(/^[A-Za-z0-9_-]{32,128}$/);
            expect(decodeURIComponent(href.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'))).toContain(
              result.token,
            );
          }
        },
      ),
    ));
});
