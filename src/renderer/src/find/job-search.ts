import MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import type { Job } from '../../../shared/job';
import {
  digitsOf,
  kindOfQuery,
  normalizeTerm,
  priceTerms,
  SEARCH_FIELDS,
  searchDocumentOf,
  signatureOf,
  tokenize,
} from './search-terms';
import type { SearchDocument } from './search-terms';

/** How a job matched: every word as typed (0), some only as a word's start (1), or a typo (2). */
export type MatchTier = 0 | 1 | 2;
export interface SearchHit {
  tier: MatchTier;
  score: number;
}

/** One typo is forgiven in words of five letters or more; shorter words would match too much. */
const typoTolerance = (term: string): number | false => (/^\p{L}{5,}$/u.test(term) ? 1 : false);
/** A hex string long enough to be a piece of a job id rather than a word ("cafe", "bead"). */
const ID_PIECE = /^(?=.*\d)[0-9a-f]{4,16}$|^[0-9a-f]{8,16}$/;

interface Indexed {
  signature: string;
  doc: SearchDocument;
  /** The phone's digits, matched anywhere in them. */
  digits: string;
  /** The indexed fields in one string, normal form: where a one-letter word is looked for. */
  text: string;
}

/** A job's document and its signature, read once per job object rather than per sync. */
const documents = new WeakMap<Job, { doc: SearchDocument; signature: string; text?: string }>();
function documentOf(job: Job) {
  let found = documents.get(job);
  if (!found) {
    const doc = searchDocumentOf(job);
    found = { doc, signature: signatureOf(doc, job.phone) };
    documents.set(job, found);
  }
  return found;
}
/** The job's indexed fields as one normal-form string (what `wordAt` reads). */
function textOf(job: Job): string {
  const found = documentOf(job);
  found.text ??= normalizeTerm(SEARCH_FIELDS.map((f) => found.doc[f]).join('\n'));
  return found.text;
}

/** A character that splits words (as search-terms.ts's tokenize splits them). */
const BREAK = /[\s\p{P}\p{Z}\p{S}]/u;
/**
 * How `term` (normal form) is in `text`: as a whole word (0), as a word's start (1), or not
 * (null). A look at each place the term occurs in one string per job: at 5,000 jobs, splitting
 * every job's text into words for the first one-letter search cost more than the rest of that
 * keystroke, and a regular expression over the whole text cost more than this.
 */
function wordMatcher(term: string): (text: string) => MatchTier | null {
  return (text) => {
    let best: MatchTier | null = null;
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      if (at > 0 && !BREAK.test(text[at - 1]!)) continue;
      const end = at + term.length;
      if (end === text.length || BREAK.test(text[end]!)) return 0;
      best = 1;
    }
    return best;
  };
}

/**
 * A full-text index of jobs (MiniSearch) kept in step with a list of jobs: `sync` adds, replaces
 * and drops only the jobs whose searchable text changed, so a keystroke never rebuilds it and a
 * reload of 5,000 unchanged jobs touches none of them.
 */
export class JobSearch {
  private index = new MiniSearch<SearchDocument>({
    fields: [...SEARCH_FIELDS],
    tokenize,
    processTerm: normalizeTerm,
  });
  private indexed = new Map<string, Indexed>();
  private synced: readonly Job[] | null = null;
  /** A sync under way in slices (`syncSome`): its list, how far it got, the ids it met. */
  private pending: { jobs: readonly Job[]; next: number; seen: Set<string> } | null = null;

  /** Brings the index in step with `jobs` (of two jobs with one id, the first is kept). */
  sync(jobs: readonly Job[]): void {
    this.syncSome(jobs, () => false);
  }

  /**
   * Does the work of `sync` until `stop()` says to stop (checked every few jobs); true once
   * the index is in step. Called again with the same list, it carries on where it stopped.
   */
  syncSome(jobs: readonly Job[], stop: () => boolean): boolean {
    if (jobs === this.synced) return true;
    if (this.pending?.jobs !== jobs) this.pending = { jobs, next: 0, seen: new Set() };
    const run = this.pending;
    let done = 0;
    while (run.next < jobs.length) {
      // Every call makes progress: 64 jobs at least, then as many as `stop` allows.
      if (++done % 64 === 0 && stop()) return false;
      this.take(jobs[run.next++]!, run.seen);
    }
    for (const id of this.indexed.keys()) {
      if (run.seen.has(id)) continue;
      this.index.discard(id);
      this.indexed.delete(id);
    }
    this.pending = null;
    this.synced = jobs;
    return true;
  }

  private take(job: Job, seen: Set<string>): void {
    if (seen.has(job.job_id)) return;
    seen.add(job.job_id);
    const { doc, signature } = documentOf(job);
    const had = this.indexed.get(job.job_id);
    if (had?.signature === signature) return;
    if (had) this.index.replace(doc);
    else this.index.add(doc);
    this.indexed.set(job.job_id, {
      signature,
      doc,
      digits: digitsOf(job.phone ?? ''),
      text: textOf(job),
    });
  }

  /** The jobs of `jobs` a sync under way has not reached yet (none once it is in step). */
  private notYetIndexed(jobs: readonly Job[] | undefined): readonly Job[] {
    if (!jobs || jobs === this.synced) return [];
    if (this.pending?.jobs !== jobs) return jobs;
    return jobs.slice(this.pending.next);
  }

  /** How many jobs the index holds. */
  get size(): number {
    return this.index.documentCount;
  }

  /**
   * The jobs a query finds, by id, with how they matched; null when nothing was typed. Words
   * must all match (each as a word's start, or with one typo when long enough) in any field.
   * A price typed as one ("$350", "350.00") looks at prices alone. A number matches a phone by
   * its digits anywhere; a number of several groups ("312 555 7788") is one number, never
   * words that could match separately in an address and an id.
   *
   * `jobs`, when a sync of them is under way (`syncSome` stopped), are the jobs searched: those
   * indexed so far through the index, the rest by a plain scan of their text (word starts as
   * typed; the one-typo forgiveness waits for the index). A keystroke that comes while the
   * index is being built is answered at once, and the build goes on in idle slices.
   */
  find(query: string, jobs?: readonly Job[]): Map<string, SearchHit> | null {
    const typed = query.trim();
    if (!typed) return null;
    const hits = new Hits();
    const kind = kindOfQuery(typed);
    const rest = this.notYetIndexed(jobs);
    if (kind.kind === 'price') {
      for (const r of this.index.search(kind.price, { fields: ['price'], prefix: true })) {
        hits.add(r.id as string, r.terms.includes(kind.price) ? 0 : 1, r.score);
      }
      for (const job of rest) {
        const terms = priceTerms(job.price);
        if (terms.includes(kind.price)) hits.add(job.job_id, 0, 0);
        else if (terms.some((t) => t.startsWith(kind.price))) hits.add(job.job_id, 1, 0);
      }
      return hits.found;
    }
    if (kind.kind === 'number') {
      const number = (id: string, digits: string) => {
        if (digits.includes(kind.digits)) hits.add(id, digits.endsWith(kind.digits) ? 0 : 1, 0);
      };
      for (const [id, { digits }] of this.indexed) number(id, digits);
      for (const job of rest) number(job.job_id, digitsOf(job.phone ?? ''));
      if (/\D/.test(typed)) return hits.found;
    }
    const piece = normalizeTerm(typed);
    if (ID_PIECE.test(piece)) {
      const idPiece = (id: string) => {
        if (id.includes(piece)) hits.add(id, id.startsWith(piece) ? 0 : 1, 0);
      };
      for (const id of this.indexed.keys()) idPiece(id);
      for (const job of rest) idPiece(job.job_id);
    }
    this.findWords(typed, hits);
    if (rest.length > 0) scanWords(typed, rest, hits);
    return hits.found;
  }

  /**
   * Every word of the query in any field. Words of two letters or more go to MiniSearch; a
   * one-letter word (the start of the next word as the dispatcher types "hot t") is checked
   * against the jobs those found, or all jobs' words when it stands alone: asked of MiniSearch,
   * it expands to every word with that first letter and scores each of their jobs, ~100 ms at
   * 5,000 jobs, for a board that then shows nearly all of them.
   */
  private findWords(typed: string, hits: Hits): void {
    const terms = tokenize(typed).map(normalizeTerm).filter(Boolean);
    const letters = terms.filter((t) => t.length === 1);
    const words = terms.filter((t) => t.length > 1);
    // Punctuation alone ("-", "#") is no word: it finds nothing rather than everything.
    if (terms.length === 0) return;
    let found: Iterable<[string, MatchTier, number]>;
    if (words.length > 0) {
      const results = this.index.search(
        { queries: words, combineWith: 'AND' },
        {
          prefix: true,
          fuzzy: typoTolerance,
          // Prefix matches outweigh typos; the tiers order them strictly anyway.
          weights: { prefix: 0.5, fuzzy: 0.2 },
        },
      );
      found = results.map(
        (r) => [r.id as string, tierOf(r), r.score] as [string, MatchTier, number],
      );
    } else {
      found = [...this.indexed.keys()].map((id) => [id, 0, 0] as [string, MatchTier, number]);
    }
    const checks = letters.map(wordMatcher);
    for (const [id, tier, score] of found) {
      let worst = tier;
      if (checks.length > 0) {
        const entry = this.indexed.get(id);
        if (!entry) continue;
        const seen = worstOf(checks, entry.text, worst);
        if (seen === null) continue;
        worst = seen;
      }
      hits.add(id, worst, score);
    }
  }
}

/** The worst of `tier` and how each check finds its word in `text`; null if one does not. */
function worstOf(
  checks: ((text: string) => MatchTier | null)[],
  text: string,
  tier: MatchTier,
): MatchTier | null {
  let worst = tier;
  for (const check of checks) {
    const seen = check(text);
    if (seen === null) return null;
    if (seen > worst) worst = seen;
  }
  return worst;
}

/** Jobs not indexed yet: every word of the query at a word's start in the job's text. */
function scanWords(typed: string, jobs: readonly Job[], hits: Hits): void {
  const terms = tokenize(typed).map(normalizeTerm).filter(Boolean);
  if (terms.length === 0) return;
  const checks = terms.map(wordMatcher);
  for (const job of jobs) {
    const tier = worstOf(checks, textOf(job), 0);
    if (tier !== null) hits.add(job.job_id, tier, 0);
  }
}

/** The best way each job matched, by id. */
class Hits {
  readonly found = new Map<string, SearchHit>();
  add(id: string, tier: MatchTier, score: number): void {
    const had = this.found.get(id);
    if (!had || tier < had.tier || (tier === had.tier && score > had.score)) {
      this.found.set(id, { tier, score });
    }
  }
}

/** The worst way one of the query's words matched: as typed, as a word's start, or a typo. */
function tierOf(result: SearchResult): MatchTier {
  let tier: MatchTier = 0;
  for (const q of result.queryTerms) {
    if (result.terms.includes(q)) continue;
    if (result.terms.some((t) => t.startsWith(q))) tier = tier === 2 ? 2 : 1;
    else tier = 2;
  }
  return tier;
}

/** Orders jobs by how they matched, best first; ties keep their order. */
export function byHits(jobs: Job[], hits: ReadonlyMap<string, SearchHit>): Job[] {
  const none: SearchHit = { tier: 2, score: 0 };
  return jobs
    .map((job, i) => ({ job, i, hit: hits.get(job.job_id) ?? none }))
    .sort((a, b) => a.hit.tier - b.hit.tier || b.hit.score - a.hit.score || a.i - b.i)
    .map((entry) => entry.job);
}
