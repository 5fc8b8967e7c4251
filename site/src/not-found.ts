/**
 * The friendly not-found page CloudFront serves for a 403/404 (a custom error response): it
 * names the business and how to call or text, from the booking document when it answers.
 */
import { fetchBookingDocument, isBusiness, showContact } from './contact';

showContact(null);
void fetchBookingDocument().then((doc) => {
  if (doc && isBusiness(doc.business)) showContact(doc.business);
});
