// CloudFront Function (runtime cloudfront-js-2.0), viewer-request event.
// Serves the pretty public routes from the two static pages:
//   /track, /track/<token>[/...]  -> /track.html  (the page reads the token from the URL)
//   /book,  /book/<token>[/...]   -> /book.html
// Everything else passes through untouched. The query string is kept, so ?t= links still work.
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the runtime calls handler by name
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/track' || uri.indexOf('/track/') === 0) {
    request.uri = '/track.html';
  } else if (uri === '/book' || uri.indexOf('/book/') === 0) {
    request.uri = '/book.html';
  }
  return request;
}
