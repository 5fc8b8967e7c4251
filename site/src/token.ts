/**
 * Finds the tracking token in whatever URL a phone actually opened. SMS apps and mail clients
 * glue punctuation onto links, percent-encode stray spaces and zero-width characters, and some
 * older links carry the token in the query or fragment instead of the path.
 */

export type TokenResult =
  { kind: 'ok'; token: string } | { kind: 'missing' } | { kind: 'malformed'; fragment: string };

export interface TokenLocation {
  pathname: string;
  search: string;
  hash: string;
}

const MIN_LENGTH = 32;
const MAX_LENGTH = 128;
/** Caps what a malformed result echoes back, since it came from an arbitrary URL. */
const MAX_FRAGMENT = 200;

const TOKEN_RUN = /^[A-Za-z0-9_-]+/;
/** Invisible characters that survive copy/paste: zero-width, joiners, BOM, soft hyphen. */
const INVISIBLE = '\\u200B-\\u200D\\u2060\\uFEFF\\u00AD';
/**
 * What may legitimately follow a token: sentence punctuation, closing brackets and quotes, a
 * path or query separator, or whitespace (then anything — "…/track/abc. See you soon").
 */
const SEPARATOR = new RegExp(
  `^(?:[\\s${INVISIBLE}.,!?;:)\\]}'"\`>*/\\\\&\\u2018\\u2019\\u201C\\u201D\\u00BB\\u203A]|$)`,
);
/** Leading noise before the token itself, e.g. a percent-encoded space after `#`. */
const LEADING_NOISE = new RegExp(`^[\\s${INVISIBLE}'"\`<(\\[{\\u2018\\u201C\\u00AB\\u2039]+`);
const TOKEN_KEYS = new Set(['t', 'token']);

/** Path wins over query over fragment; a broken earlier source yields to a good later one. */
export function extractToken(loc: TokenLocation): TokenResult {
  const candidates = [
    fromPath(loc.pathname),
    fromParams(stripPrefix(loc.search, '?')),
    fromHash(stripPrefix(loc.hash, '#')),
  ];
  let firstMalformed: TokenResult | undefined;
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const result = classify(candidate);
    if (result.kind === 'ok') return result;
    if (result.kind === 'malformed') firstMalformed ??= result;
  }
  return firstMalformed ?? { kind: 'missing' };
}

function stripPrefix(value: string, prefix: string): string {
  return value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

/**
 * `/track/<t>` or `/book/<t>`, with anything after it; `/track.html` carries no token. Typed
 * from the side of a truck: any letter case (`/TRACK/`) and doubled slashes (`//book//`).
 */
function fromPath(pathname: string): string | undefined {
  const match = /^\/+(?:track|book)\/+(.*)$/is.exec(safeDecode(pathname));
  return match ? match[1] : undefined;
}

function fromParams(query: string): string | undefined {
  if (query === '') return undefined;
  for (const [key, value] of new URLSearchParams(query)) {
    if (TOKEN_KEYS.has(key.trim().toLowerCase())) return value;
  }
  return undefined;
}

/** `#<t>`, `#t=<t>`, `#token=<t>`, and `#/track/<t>` from hash-routing habits. */
function fromHash(hash: string): string | undefined {
  if (hash === '') return undefined;
  const decoded = safeDecode(hash);
  if (decoded.startsWith('/')) return fromPath(decoded);
  if (/^[^=&]*=/.test(decoded)) return fromParams(hash);
  return hash;
}

function classify(raw: string): TokenResult {
  const text = safeDecode(raw).replace(LEADING_NOISE, '');
  const run = TOKEN_RUN.exec(text)?.[0] ?? '';
  const rest = text.slice(run.length);
  // Only separators and trailing noise: nothing was attempted here.
  if (run === '' && isOnlyNoise(rest)) return { kind: 'missing' };
  const fragment = text.trim().slice(0, MAX_FRAGMENT);
  if (run.length < MIN_LENGTH || run.length > MAX_LENGTH) return { kind: 'malformed', fragment };
  if (!SEPARATOR.test(rest)) return { kind: 'malformed', fragment };
  return { kind: 'ok', token: run };
}

function isOnlyNoise(rest: string): boolean {
  for (const ch of rest) {
    if (!SEPARATOR.test(ch)) return false;
  }
  return true;
}

/**
 * Decodes percent-escapes without ever throwing: a link cut mid-escape (`%E2%80`) keeps that
 * part literal. Repeats so a double-encoded `%252E` becomes `.` too.
 */
function safeDecode(value: string): string {
  let current = value;
  for (let i = 0; i < 3; i++) {
    const next = current.replace(/(?:%[0-9A-Fa-f]{2})+/g, (seq) => {
      try {
        return decodeURIComponent(seq);
      } catch {
        return seq;
      }
    });
    if (next === current) break;
    current = next;
  }
  return current;
}
