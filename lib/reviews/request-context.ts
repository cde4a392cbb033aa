/**
 * Where a write comes from, for rate limits and anti-abuse. `now` lets tests
 * simulate traffic over days; production callers leave it out.
 */
export interface RequestContext {
  /** The client's IP as lib/request-ip.ts reads it ("unknown" when it cannot tell). */
  ip: string;
  now?: Date;
}

/** The time a request acts at. */
export function contextNow(context: { now?: Date } | undefined): Date {
  return context?.now ?? new Date();
}
