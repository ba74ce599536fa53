// A CloudFront Function (cloudfront-js-2.0) on the console's default behaviour and the booking PWA's
// /book/*, at viewer request: a path whose last segment has no dot is a route of a single-page app, served
// its index.html: the PWA's own under /book/, the console's under /console/ for every other route (the root
// among them, where the console's page moves itself under /console/). Files (the
// hashed assets/, the PWA's service worker and manifest) pass through, and so does the API: a 403 or 404
// of either reaches the client as it is, which an error-response rewrite to index.html would not allow.
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- CloudFront calls `handler` by name
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/v1' || uri.startsWith('/v1/')) return request;
  var lastSegment = uri.slice(uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1)
    request.uri = uri === '/book' || uri.startsWith('/book/') ? '/book/index.html' : '/console/index.html';
  return request;
}
