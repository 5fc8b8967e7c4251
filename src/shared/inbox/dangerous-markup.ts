/**
 * The booking form's "plain text only" rule, shared by the page (site/src/book.ts) and ingest
 * (src/core/inbox/inbox-ingest.ts through submission.ts). It refuses what could run or load
 * something if the text ever reached HTML — tags, script URLs, event-handler attributes — and
 * nothing a customer types in words: `=`, `<3`, `a < b`, "Monday=fine", "Donation=yes please".
 *
 * Kept free of zod and of lookbehind (Safari before 16.4 cannot parse it, and a regex the page
 * cannot parse stops the whole booking script).
 */

/** An opening or closing tag: `<a `, `<img/`, `</b>`; a letter after `<` alone is words ("a<b"). */
const TAG = /<\/?[a-z][a-z0-9-]*(?=[\s/>])/i;
/** Elements that load or run something however they are written (`<script>`, `<svg`, `<img`). */
const ACTIVE_TAG = /<\/?(?:script|iframe|img|svg|object|embed|style|link|meta|base|frame|math)\b/i;
/** Comments, doctypes, CDATA and processing instructions. */
const DECLARATION = /<[!?][a-z[-]/i;
/** URLs that run script, or carry a page of their own (`data:text/html,…`). */
const SCRIPT_URL =
  /(?:^|[^a-z0-9+.-])((?:java|vb|live)script:|data:\s*(?:[a-z]+\/[a-z0-9.+-]+|,|;base64))/i;
/**
 * Event-handler attributes by the events' names (`onerror=`, `onclick =`): ordinary words that
 * begin with "on" ("online=yes", "onsite = 2") name no event. Names of one family share a stem.
 */
const EVENT_HANDLER =
  /(?:^|[^a-z0-9_-])(on(?:abort|afterprint|animation[a-z]*|auxclick|before[a-z]+|begin|blur|cancel|canplay[a-z]*|change|click|close|context[a-z]+|copy|cuechange|cut|dblclick|drag[a-z]*|drop|durationchange|emptied|end|ended|error|focus[a-z]*|formdata|fullscreen[a-z]+|gotpointercapture|hashchange|input|invalid|key(?:down|press|up)|load[a-z]*|lostpointercapture|message[a-z]*|mouse[a-z]+|offline|online|page(?:hide|show|reveal|swap)|paste|pause|play|playing|pointer[a-z]+|popstate|progress|ratechange|readystatechange|repeat|reset|resize|scroll[a-z]*|search|securitypolicyviolation|seek(?:ed|ing)|select[a-z]*|show|slotchange|stalled|storage|submit|suspend|timeupdate|toggle|touch[a-z]+|transition[a-z]+|unhandledrejection|unload|volumechange|waiting|webkit[a-z]+|wheel)\s*=)/i;
/** Any other `on…=` whose value is a call (`onfoo=alert(1)`): script, whatever the name. */
const HANDLER_CALL = /(?:^|[^a-z0-9_-])(on[a-z]{3,}\s*=\s*["'`]?[\w.$]+\s*\()/i;

/**
 * The text as an HTML attribute would read it: numeric and the few named references that spell
 * markup decoded, and the tabs and line breaks a URL parser drops removed (`java&#x09;script:`).
 */
function asAttributeReads(text: string): string {
  return text
    .replace(/&#x([0-9a-f]{1,6});?/gi, (_, hex: string) => fromCode(parseInt(hex, 16)))
    .replace(/&#(\d{1,7});?/g, (_, dec: string) => fromCode(parseInt(dec, 10)))
    .replace(/&(lt|gt|colon|tab|newline);/gi, (_, name: string) => NAMED[name.toLowerCase()] ?? '')
    .replace(/[\t\n\r]/g, '');
}
const NAMED: Record<string, string> = { lt: '<', gt: '>', colon: ':', tab: '\t', newline: '\n' };
const fromCode = (code: number): string => (code <= 0x10ffff ? String.fromCodePoint(code) : '');

/**
 * The first dangerous piece of markup in `text` (`<script`, `javascript:`, `onerror=`), as the
 * customer wrote it or as it decodes; null for plain text.
 */
export function findDangerousMarkup(text: string): string | null {
  for (const candidate of text === asAttributeReads(text)
    ? [text]
    : [text, asAttributeReads(text)]) {
    const tag = ACTIVE_TAG.exec(candidate) ?? TAG.exec(candidate) ?? DECLARATION.exec(candidate);
    if (tag) return tag[0];
    const other =
      SCRIPT_URL.exec(candidate) ?? EVENT_HANDLER.exec(candidate) ?? HANDLER_CALL.exec(candidate);
    if (other?.[1]) return other[1].replace(/\s+/g, '');
  }
  return null;
}
