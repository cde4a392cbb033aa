/** The first value of a query parameter as Next hands it to pages (absent, one, or repeated). */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
