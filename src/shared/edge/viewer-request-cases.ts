// The routing the viewer-request function (viewer-request.js) must do, as data: the unit test
// runs these cases locally, and the deploy pipeline runs the same ones through the CDN's
// TestFunction before it publishes the function to LIVE.

export interface ViewerRequestCase {
  name: string;
  uri: string;
  /** In the runtime's shape: name → { value, multiValue? }. */
  querystring?: Record<string, { value: string; multiValue?: { value: string }[] }>;
  /** The request goes on with this uri, or the function answers with this status. */
  expect: { uri: string } | { statusCode: number };
}

/** A token of the length the console mints (32+ base64url characters). */
const T = 'Xk3_9aZ-QpL0mN7rS2tUvW4xY6zA8bC1dE5fG3hJ-_k';

const routed = (uri: string, to: string): ViewerRequestCase => ({
  name: `${uri} → ${to}`,
  uri,
  expect: { uri: to },
});
const untouched = (uri: string): ViewerRequestCase => ({
  name: `${uri} passes through`,
  uri,
  querystring: { v: { value: '1' } },
  expect: { uri },
});

export const VIEWER_REQUEST_CASES: readonly ViewerRequestCase[] = [
  routed(`/track/${T}`, '/track.html'),
  routed(`/track/${T}/`, '/track.html'),
  routed(`/track/${T}.`, '/track.html'),
  routed('/track', '/track.html'),
  routed('/track/', '/track.html'),
  routed('/book', '/book.html'),
  routed('/book/', '/book.html'),
  routed(`/book/${T}`, '/book.html'),
  {
    name: '?t= links keep their query string',
    uri: `/track/${T}`,
    querystring: { t: { value: T }, utm_source: { value: 'sms' } },
    expect: { uri: '/track.html' },
  },
  // Typed from the side of a truck: any letter case, a doubled slash.
  routed('/Book', '/book.html'),
  routed('/BOOK/', '/book.html'),
  routed(`/Book/${T}`, '/book.html'),
  routed(`/TRACK/${T}`, '/track.html'),
  routed(`/Track/${T}/`, '/track.html'),
  routed(`//track/${T}`, '/track.html'),
  routed(`///track/${T}`, '/track.html'),
  routed(`//track/${T}/`, '/track.html'),
  routed(`/track//${T}`, '/track.html'),
  routed('//book/', '/book.html'),
  routed('//book//', '/book.html'),
  routed(`//book/${T}`, '/book.html'),
  routed('/////book/', '/book.html'),
  routed(`////////////////track/${T}`, '/track.html'),
  routed(`/book/${T}/`, '/book.html'),
  {
    name: 'a quote link keeps its query string',
    uri: `/book/${T}`,
    querystring: { utm_source: { value: 'sms' } },
    expect: { uri: '/book.html' },
  },
  untouched(`/api/track/${T}.json`),
  untouched('/api/book-upload.json'),
  untouched('/api/health.json'),
  untouched('/404.html'),
  untouched('/Bookkeeping'),
  untouched('/TRACKERS'),
  untouched('/no-such-page'),
  untouched('/assets/icon-1a2b3c4d.svg'),
  untouched('/track.html'),
  untouched('/book.html'),
  untouched('/trackers'),
  untouched('/bookkeeping'),
  untouched('/'),
  untouched('/index.html'),
];
