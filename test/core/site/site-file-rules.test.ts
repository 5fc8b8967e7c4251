import { describe, expect, it } from 'vitest';
import { siteFileRules } from '../../../src/core/site/site-file-rules';

describe('siteFileRules', () => {
  it.each([
    [
      'track.html',
      'text/html; charset=utf-8',
      'public, max-age=0, must-revalidate, s-maxage=31536000',
    ],
    [
      'book.html',
      'text/html; charset=utf-8',
      'public, max-age=0, must-revalidate, s-maxage=31536000',
    ],
    ['assets/icon-1a2b3c4d.svg', 'image/svg+xml', 'public, max-age=31536000, immutable'],
    ['assets/logo.png', 'image/png', 'public, max-age=31536000, immutable'],
    ['app.1a2b3c4d5e.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['api/health.json', 'application/json', 'public, max-age=5, s-maxage=5'],
    ['robots.txt', 'text/plain; charset=utf-8', 'public, max-age=300'],
    ['favicon.ico', 'image/x-icon', 'public, max-age=300'],
    [
      'about-us.html',
      'text/html; charset=utf-8',
      'public, max-age=0, must-revalidate, s-maxage=31536000',
    ],
    ['data.json', 'application/json', 'public, max-age=300'],
    ['blob', 'application/octet-stream', 'public, max-age=300'],
    // A date is not a hash: the file may be replaced under the same name.
    ['flyer-20261129.png', 'image/png', 'public, max-age=300'],
  ])('%s → %s, %s', (key, contentType, cacheControl) => {
    expect(siteFileRules(key)).toEqual({ contentType, cacheControl });
  });
});
