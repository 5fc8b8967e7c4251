/** One word of a plain person's name: "Mark", "O'Brien", "Anne-Marie" — not "Bob's" or "LLC". */
const PERSON_WORD = /^\p{Lu}[\p{Ll}]*(?:['’-]\p{Lu}[\p{Ll}]*)*\.?$/u;
const BUSINESS_WORDS =
  /^(?:inc|llc|ltd|co|corp|company|diner|cafe|café|restaurant|bar|grill|shop|store|market|services?|hotel|church|school|bakery|salon|garage|auto|realty|properties|group|the)\.?$/i;

/**
 * Whom the page greets: a plain person's name by its first word ("Hi Mark"), anything else —
 * a business, initials in capitals, a name with "'s" — whole, as the dispatcher entered it
 * ("Hi Bob's Diner").
 */
export function greetingName(fullName: string): string {
  const name = fullName.trim().replace(/\s+/g, ' ');
  const words = name.split(' ');
  const person =
    words.length <= 4 &&
    words.every((w) => PERSON_WORD.test(w) && !BUSINESS_WORDS.test(w.replace(/\.$/, '')));
  return person ? (words[0] ?? '') : name;
}
