/**
 * Shared by the messages floor, which opts numbers out (src/core/messages/inbound-recorder.ts),
 * and the console, which says when a customer did (src/renderer/src/job-detail/text-lines.ts):
 * one list, so the two never disagree on what a STOP is.
 */

/**
 * The carriers' opt-out keywords, as AWS End User Messaging SMS lists them ("Required opt-out
 * keywords", docs.aws.amazon.com/sms-voice/latest/userguide/keywords-required.html), and the
 * two that undo one (START, UNSTOP: the opt-in keywords AWS names for a toll-free number).
 * AWS says keywords are case-insensitive and never start or end with a space; the whole text,
 * trimmed, must be the keyword, so "Please don't stop by before 9" opts nobody out.
 */
export const OPT_OUT_KEYWORDS = [
  'STOP',
  'ARRET',
  'CANCEL',
  'END',
  'OPT-OUT',
  'OPTOUT',
  'QUIT',
  'REMOVE',
  'TD',
  'UNSUBSCRIBE',
] as const;
export const OPT_IN_KEYWORDS = ['START', 'UNSTOP'] as const;

export type KeywordMatch = { kind: 'stop' | 'start'; keyword: string };

/** The opt-out or opt-in keyword a text is, or null for an ordinary reply. */
export function optKeyword(body: string): KeywordMatch | null {
  const word = body.trim().toUpperCase();
  if ((OPT_OUT_KEYWORDS as readonly string[]).includes(word))
    return { kind: 'stop', keyword: word };
  if ((OPT_IN_KEYWORDS as readonly string[]).includes(word))
    return { kind: 'start', keyword: word };
  return null;
}
