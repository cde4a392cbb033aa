import { displayName } from "../reviews/display-name";
import type { Db } from "../reviews/db-types";
import type { FilterListRevisionDetail } from "./filter-list-views";

/** One revision with the text of the one before it (for a diff); null when absent. */
export async function getFilterListRevision(db: Db, slug: string, number: number): Promise<FilterListRevisionDetail | null> {
  if (!Number.isInteger(number)) return null;
  const revision = await db.filterListRevision.findFirst({
    where: { list: { slug }, number },
    select: { listId: true, number: true, body: true, message: true, createdAt: true, author: { select: { id: true, name: true } } },
  });
  if (!revision) return null;
  const previous = await db.filterListRevision.findFirst({
    where: { listId: revision.listId, number: { lt: number } },
    orderBy: { number: "desc" },
    select: { body: true },
  });
  const { listId: _listId, author, ...rest } = revision;
  return { ...rest, author: author ? { id: author.id, name: displayName(author) } : null, previousBody: previous?.body ?? null };
}
