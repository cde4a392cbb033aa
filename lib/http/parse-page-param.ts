import { firstParam } from "./first-param";

/**
 * Page number for HTML pages: anything that is not a positive whole number
 * (missing, `0`, `-2`, `abc`, `1.5`) falls back to page 1 instead of an error,
 * because these URLs are shared and hand-edited.
 */
export function parsePageParam(value: string | string[] | undefined): number {
  const raw = firstParam(value)?.trim();
  if (!raw || !/^\d{1,9}$/.test(raw)) return 1;
  const n = Number(raw);
  return n >= 1 ? n : 1;
}
