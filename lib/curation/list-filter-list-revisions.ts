import { displayName } from "../reviews/display-name";
import type { Db } from "../reviews/db-types";
import type { FilterListRevisionSummary } from "./filter-list-views";

/** A list's revisions, newest first (empty when there is no such list). */
export async function listFilterListRevisions(db: Db, slug: string): Promise<FilterListRevisionSummary[]> {
  const revisions = await db.filterListRevision.findMany({
    where: { list: { slug } },
    orderBy: { number: "desc" },
    select: { number: true, message: true, createdAt: true, author: { select: { id: true, name: true } } },
  });
  return revisions.map(({ author, ...r }) => ({ ...r, author: author ? { id: author.id, name: displayName(author) } : null }));
}
