// Page arithmetic shared by the paginated read models and their pages.

export interface PageRequest {
  /** 1-based. */
  page: number;
  perPage: number;
}

export interface Paginated<T> {
  total: number;
  page: number;
  perPage: number;
  items: T[];
}

/** Number of pages for `total` items; at least 1 so "page 1 of 1" reads right when empty. */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** Rows to skip for a page request; callers validate `page >= 1` at the boundary. */
export function pageOffset({ page, perPage }: PageRequest): number {
  return (Math.max(1, page) - 1) * perPage;
}
