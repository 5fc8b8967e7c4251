/**
 * The friendly not-found page CloudFront serves for a 403/404 (a custom error response): it
 * names the business and how to call or text — what this phone remembers at once, then the
 * business document's current details when it answers.
 */
import { showContact, showPublishedContact } from './contact';

showContact(null);
void showPublishedContact();
