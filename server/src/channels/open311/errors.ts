/**
 * A GeoReport v2 error: the HTTP status the spec asks for (404 for a resource that does not
 * exist, 403 for a missing or wrong api_key, 400 for everything else) and one or more
 * descriptions, rendered as an array of {code, description}. The code in the body is the HTTP
 * status, which is what clients of other Open311 servers look at.
 */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly descriptions: string[],
  ) {
    super(descriptions.join('; '));
  }
}

export const badRequest = (...d: string[]) => new Open311Error(400, d);
export const notFound = (d: string) => new Open311Error(404, [d]);
export const forbidden = (d: string) => new Open311Error(403, [d]);
