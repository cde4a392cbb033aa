import { displayName } from "../reviews/display-name";
import type { Db } from "../reviews/db-types";
import type { FilterListSummary } from "./filter-list-views";
import { parseFilterList } from "./parse-filter-list";

/** Every list of this site: built-in first, then by title. */
export async function listFilterLists(db: Db): Promise<FilterListSummary[]> {
  const lists = await db.filterList.findMany({
    orderBy: [{ builtIn: "desc" }, { title: "asc" }],
    select: {
      slug: true,
      title: true,
      description: true,
      body: true,
      revision: true,
      builtIn: true,
      updatedAt: true,
      curators: { orderBy: { addedAt: "asc" }, select: { user: { select: { id: true, name: true } } } },
    },
  });
  return lists.map(({ body, curators, ...list }) => ({
    ...list,
    ruleCount: parseFilterList(body).rules.length,
    curators: curators.map(({ user }) => ({ id: user.id, name: displayName(user) })),
  }));
}
