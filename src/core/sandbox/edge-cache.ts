/** One cached origin response, as CloudFront keeps it at an edge location. */
export interface CachedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  storedAt: number;
  ttlSeconds: number;
}

/** CloudFront's defaults (CachingOptimized policy; 10 s for error responses). */
const DEFAULT_TTL = 86_400;
const MAX_TTL = 31_536_000;
const ERROR_TTL = 10;

/**
 * How long CloudFront keeps a response: s-maxage, else max-age, else the default TTL;
 * nothing for no-store/no-cache/private. Errors are kept briefly, as CloudFront does.
 */
export function edgeTtlSeconds(status: number, cacheControl: string | undefined): number {
  if (status >= 400) return ERROR_TTL;
  const directives = new Map(
    (cacheControl ?? '')
      .split(',')
      .map((d) => d.trim().toLowerCase())
      .filter(Boolean)
      .map((d) => {
        const [name, value] = d.split('=');
        return [name ?? '', value ?? ''] as const;
      }),
  );
  if (directives.has('no-store') || directives.has('no-cache') || directives.has('private'))
    return 0;
  const seconds = Number(directives.get('s-maxage') ?? directives.get('max-age') ?? DEFAULT_TTL);
  return Number.isFinite(seconds) ? Math.min(Math.max(seconds, 0), MAX_TTL) : DEFAULT_TTL;
}

/**
 * The edge cache, keyed by the request path *after* the viewer-request function ran —
 * which is why an invalidation of `/track/*` alone does not refresh `/track.html` — and by
 * the encoding served (CloudFront caches a Brotli, a Gzip and an uncompressed copy apart).
 * An invalidation of a path clears every copy of it.
 */
export class EdgeCache {
  private readonly entries = new Map<string, CachedResponse & { path: string }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(path: string, encoding = 'identity'): (CachedResponse & { ageSeconds: number }) | null {
    const key = `${encoding} ${path}`;
    const entry = this.entries.get(key);
    if (!entry) return null;
    const ageSeconds = Math.floor((this.now() - entry.storedAt) / 1000);
    if (this.now() - entry.storedAt >= entry.ttlSeconds * 1000) {
      this.entries.delete(key);
      return null;
    }
    const { path: _path, ...cached } = entry;
    return { ...cached, ageSeconds };
  }

  set(path: string, response: Omit<CachedResponse, 'storedAt'>, encoding = 'identity'): void {
    if (response.ttlSeconds <= 0) return;
    this.entries.set(`${encoding} ${path}`, { ...response, path, storedAt: this.now() });
  }

  /** Clears cached paths matching CloudFront invalidation patterns (`*` only at the end). */
  invalidate(patterns: readonly string[]): number {
    let cleared = 0;
    for (const [key, { path }] of [...this.entries]) {
      if (patterns.some((p) => matchesInvalidationPath(p, path))) {
        this.entries.delete(key);
        cleared++;
      }
    }
    return cleared;
  }
}

export function matchesInvalidationPath(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
}
