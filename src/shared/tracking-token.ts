/**
 * Finds the tracking token in whatever URL a phone actually opened. SMS apps and mail clients
 * glue punctuation onto links, percent-encode stray spaces and zero-width characters, and some
 * older links carry the token in the query or fragment instead of the path.
 */

/** `missing`: no readable token — none given, or one cut short, too long or broken. */
export type TokenResult = { kind: 'ok'; token: string } | { kind: 'missing' };

export interface TokenLocation {
  pathname: string;
  search: string;
  hash: string;
}

/** Invisible characters that survive copy/paste: zero-width, joiners, soft hyphen (BOM is \s). */
const INVISIBLE = '\u200B-\u200D\u2060\u00AD';
/**
 * What may legitimately follow a token: sentence punctuation, closing brackets and quotes, a
 * path or query separator, or whitespace (then anything — "…/track/abc. See you soon").
 */
const AFTER = `\\s${INVISIBLE}.,!?;:)\\]}'"\`>*/\\\\&\u2018\u2019\u201C\u201D\u00BB\u203A`;
/** 32 to 128 base64url characters (≥ 192 bits, as minted), then a separator or the end. */
const TOKEN = new RegExp(`^([\\w-]{32,128})(?:[${AFTER}]|$)`);
/** Leading noise before the token itself, e.g. a percent-encoded space after `#`. */
const LEADING_NOISE = new RegExp(`^[\\s${INVISIBLE}'"\`<([{\u2018\u201C\u00AB\u2039]+`);

/** Path wins over query over fragment; a broken earlier source yields to a good later one. */
export function extractToken({ pathname, search, hash }: TokenLocation): TokenResult {
  for (const raw of [
    fromPath(pathname),
    fromParams(search.replace(/^\?/, '')),
    fromHash(hash.replace(/^#/, '')),
  ]) {
    const token = raw === undefined ? undefined : tokenIn(raw);
    if (token) return { kind: 'ok', token };
  }
  return { kind: 'missing' };
}

/**
 * `/track/<t>` or `/book/<t>`, with anything after it; `/track.html` carries no token. Typed
 * from the side of a truck: any letter case (`/TRACK/`) and doubled slashes (`//book//`).
 */
function fromPath(pathname: string): string | undefined {
  return /^\/+(?:track|book)\/+(.*)$/is.exec(safeDecode(pathname))?.[1];
}

/** `?t=` or `?token=`, in any letter case. */
function fromParams(query: string): string | undefined {
  for (const [key, value] of new URLSearchParams(query)) {
    if (/^t(?:oken)?$/i.test(key.trim())) return value;
  }
  return undefined;
}

/** `#<t>`, `#t=<t>`, `#token=<t>`, and `#/track/<t>` from hash-routing habits. */
function fromHash(hash: string): string | undefined {
  const decoded = safeDecode(hash);
  if (decoded.startsWith('/')) return fromPath(decoded);
  if (/^[^=&]*=/.test(decoded)) return fromParams(hash);
  return hash || undefined;
}

function tokenIn(raw: string): string | undefined {
  return TOKEN.exec(safeDecode(raw).replace(LEADING_NOISE, ''))?.[1];
}

/**
 * Decodes percent-escapes without ever throwing: a link cut mid-escape (`%E2%80`) keeps that
 * part literal. Repeats so a double-encoded `%252E` becomes `.` too.
 */
function safeDecode(value: string): string {
  let current = value;
  for (let i = 0; i < 3; i++) {
    const next = current.replace(/(?:%[\dA-F]{2})+/gi, (seq) => {
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
