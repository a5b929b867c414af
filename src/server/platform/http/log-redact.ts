/**
 * Secrets some addresses carry (a calendar subscription's token: /lich/<token>.ics) are cut out of
 * a URL before it is logged: the request log, and anything else that records a URL, writes
 * `redactUrl(req.url)`.
 */
const SECRET_SEGMENTS: readonly RegExp[] = [/^(\/lich\/)[^/?#]+/];
const SECRET_PARAMS = /([?&](?:token|key|secret)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  let out = url;
  for (const re of SECRET_SEGMENTS) out = out.replace(re, '$1[ẩn]');
  return out.replace(SECRET_PARAMS, '$1[ẩn]');
}
