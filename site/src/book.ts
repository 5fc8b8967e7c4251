/**
 * First cut of the booking page: the copy in book.html says to call or text. The script only
 * tidies the address bar so a booking link glued to SMS punctuation still reads cleanly; the
 * booking form comes later.
 */
import { extractToken } from './token';

const found = extractToken(window.location);
if (found.kind === 'ok' && window.location.pathname !== '/book/' + found.token) {
  history.replaceState(null, '', '/book/' + found.token);
}
document.documentElement.classList.add('js');
