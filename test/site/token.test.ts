import { describe, it, expect } from 'vitest';
import { extractToken } from '../../src/shared/tracking-token';
import type { TokenLocation } from '../../src/shared/tracking-token';

/** 43 chars, as minted by randomBytes(32).toString('base64url'). */
const T = 'Xk3_9aZ-QpL0mN7rS2tUvW4xY6zA8bC1dE5fG3hJ-_k';
const SHORT = 'Xk3_9aZ-QpL0mN7r';

function at(url: string): TokenLocation {
  const u = new URL(url, 'https://quickdumpnow.com');
  return { pathname: u.pathname, search: u.search, hash: u.hash };
}

describe('extractToken', () => {
  it('uses a 43-character fixture like the ones the console mints', () => {
    expect(T).toHaveLength(43);
  });

  const ok: [string, string][] = [
    ['plain path', `/track/${T}`],
    ['trailing slash', `/track/${T}/`],
    ["Mark's SMS: trailing period", `/track/${T}.`],
    ['trailing comma', `/track/${T},`],
    ['trailing exclamation', `/track/${T}!`],
    ['trailing closing paren', `/track/${T})`],
    ['trailing closing bracket', `/track/${T}]`],
    ['trailing single quote', `/track/${T}'`],
    ['trailing double quote (encoded)', `/track/${T}%22`],
    ['trailing angle bracket (encoded)', `/track/${T}%3E`],
    ['trailing semicolon', `/track/${T};`],
    ['trailing colon', `/track/${T}:`],
    ['trailing encoded space', `/track/${T}%20`],
    ['trailing encoded zero-width space', `/track/${T}%E2%80%8B`],
    ['trailing encoded nbsp', `/track/${T}%C2%A0`],
    ['trailing encoded BOM', `/track/${T}%EF%BB%BF`],
    ['trailing curly quote', `/track/${T}%E2%80%9D`],
    ['several junk chars', `/track/${T}).%20`],
    ['a sentence glued on', `/track/${T}.%20See%20you%20soon!`],
    ['an extra path segment', `/track/${T}/extra`],
    ['double-encoded period', `/track/${T}%252E`],
    ['book path', `/book/${T}`],
    ['query ?t=', `/track.html?t=${T}`],
    ['query ?token=', `/track.html?token=${T}`],
    ['query with other params', `/track.html?utm_source=sms&t=${T}&x=1`],
    ['query with a trailing period', `/track.html?t=${T}.`],
    ['query with a trailing question mark', `/track.html?t=${T}?`],
    ['query with trailing encoded zero-width space', `/track.html?t=${T}%E2%80%8B`],
    ['upper-case query key', `/track.html?T=${T}`],
    ['bare fragment', `/track.html#${T}`],
    ['fragment #t=', `/track.html#t=${T}`],
    ["Mark's #t= with trailing period", `/track.html#t=${T}.`],
    ['fragment #token=', `/track#token=${T}`],
    ['fragment with leading encoded space', `/track#%20${T}`],
    ['fragment with trailing encoded zero-width space', `/track#${T}%E2%80%8B`],
    ['fragment route #/track/<t>', `/#/track/${T}`],
    ['query on /track/ without a token in the path', `/track/?t=${T}`],
  ];
  it.each(ok)('accepts %s', (_name, url) => {
    expect(extractToken(at(url))).toEqual({ kind: 'ok', token: T });
  });

  it('takes the raw (unparsed) location too: literal junk characters', () => {
    for (const junk of ['"', '>', '\u200B', '\u00A0', ' ', '\u2019', '\uFEFF']) {
      expect(extractToken({ pathname: `/track/${T}${junk}`, search: '', hash: '' })).toEqual({
        kind: 'ok',
        token: T,
      });
    }
  });

  it('accepts 32 and 128 characters, the bounds', () => {
    const t32 = 'a'.repeat(32);
    const t128 = 'b'.repeat(128);
    expect(extractToken(at(`/track/${t32}`))).toEqual({ kind: 'ok', token: t32 });
    expect(extractToken(at(`/track/${t128}`))).toEqual({ kind: 'ok', token: t128 });
  });

  it('prefers path over query over fragment', () => {
    const q = 'q'.repeat(40);
    const h = 'h'.repeat(40);
    expect(extractToken(at(`/track/${T}?t=${q}#t=${h}`))).toEqual({ kind: 'ok', token: T });
    expect(extractToken(at(`/track.html?t=${q}#t=${h}`))).toEqual({ kind: 'ok', token: q });
    expect(extractToken(at(`/track.html?utm=1#t=${h}`))).toEqual({ kind: 'ok', token: h });
  });

  it('falls back to a good later source when an earlier one is broken', () => {
    expect(extractToken(at(`/track/${SHORT}?t=${T}`))).toEqual({ kind: 'ok', token: T });
    expect(extractToken(at(`/track.html?t=${SHORT}#${T}`))).toEqual({ kind: 'ok', token: T });
  });

  const missing: [string, string][] = [
    ['site root', '/'],
    ['bare /track', '/track'],
    ['/track/ with nothing', '/track/'],
    ['/track.html', '/track.html'],
    ['empty ?t=', '/track.html?t='],
    ['unrelated query', '/track.html?utm_source=sms'],
    ['only punctuation after /track/', '/track/.'],
    ['only an encoded space', '/track/%20'],
    ['empty #t=', '/track.html#t='],
    ['bare /book/', '/book/'],
  ];
  it.each(missing)('reports missing for %s', (_name, url) => {
    expect(extractToken(at(url))).toEqual({ kind: 'missing' });
  });

  // A token cut short, too long or broken reads as no token: the page says the link is incomplete.
  const malformed: [string, string][] = [
    ['too short path', `/track/${SHORT}`],
    ['too short with trailing period', `/track/${SHORT}.`],
    ['cut off by SMS with an ellipsis', `/track/${T.slice(0, 38)}%E2%80%A6`],
    ['too long', `/track/${'c'.repeat(129)}`],
    ['bad character inside', `/track/${T.slice(0, 20)}$${T.slice(20)}`],
    ['standard base64 plus sign', `/track/${T.slice(0, 36)}+abc`],
    ['padding', `/track/${T}=`],
    ['too short query', `/track.html?t=${SHORT}`],
    ['too short fragment', `/track.html#t=${SHORT}`],
    ['bare short fragment', `/track.html#abc`],
    ['broken percent escape', `/track/${T}%E2%80`],
    ['a long run of junk', `/track/${'$'.repeat(500)}`],
  ];
  it.each(malformed)('reads no token from %s', (_name, url) => {
    expect(extractToken(at(url))).toEqual({ kind: 'missing' });
  });

  it('never throws on hostile input', () => {
    for (const pathname of [
      '/track/%',
      '/track/%%%',
      '/track/%FF%FE',
      '/track/\u0000',
      '/track/%ZZ',
    ]) {
      expect(() => extractToken({ pathname, search: '?t=%', hash: '#%' })).not.toThrow();
    }
  });
});

describe('links typed from the side of a truck', () => {
  const T = 'Xk3_9aZ-QpL0mN7rS2tUvW4xY6zA8bC1dE5fG3hJ-_k';
  it.each([`/TRACK/${T}`, `/Track/${T}`, `//track//${T}`, `/BOOK/${T}`, `//book/${T}`])(
    'finds the token in %s',
    (pathname) => {
      expect(extractToken({ pathname, search: '', hash: '' })).toEqual({ kind: 'ok', token: T });
    },
  );
});
