// CloudFront Function (cloudfront-js-2.0, viewer-request): serves the pretty routes from two
// pages. /track, /track/* -> /track.html; /book, /book/* -> /book.html; any letter case and
// doubled slashes (typed from a truck's side). Else untouched; the query string is kept.
// Slashes collapse by split/join, not a loop or a regex, so the local edge runs the function
// straight through (src/core/sandbox/edge-function-bounds.ts): each pass halves a run of them,
// so four passes collapse up to 16.
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the runtime calls handler by name
function handler(event) {
  var request = event.request;
  var u = request.uri.toLowerCase().split('//').join('/').split('//').join('/');
  u = u.split('//').join('/').split('//').join('/');
  if (u === '/track' || u.indexOf('/track/') === 0) {
    request.uri = '/track.html';
  } else if (u === '/book' || u.indexOf('/book/') === 0) {
    request.uri = '/book.html';
  }
  return request;
}
