/**
 * Lowercase, without accents: the one form every term is compared in, by the board's search
 * (src/renderer/src/find/search-terms.ts) and in finding a job by name (jobs/doctor-job-match.ts).
 */
export function normalizeTerm(term: string): string {
  // Most terms are plain ASCII: they skip Unicode normalization, which dominates indexing.
  if (/^[\x20-\x7e]*$/.test(term)) return term.toLowerCase();
  return term
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
