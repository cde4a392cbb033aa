import { displayName } from "../reviews/display-name";
import type { Db } from "../reviews/db-types";
import type { FilterListDetail } from "./filter-list-views";
import { findViewsUsing } from "./find-views-using";
import { parseFilterList } from "./parse-filter-list";

/** A list with its text, parsed header, curators and the views using it (directly or through includes); null when absent. */
export async function getFilterList(db: Db, slug: string): Promise<FilterListDetail | null> {
  const list = await db.filterList.findUnique({
    where: { slug },
    select: {
      id: true,
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
  if (!list) return null;
  const parsed = parseFilterList(list.body);
  const viewIds = await findViewsUsing(db, { slug });
  const usedBy = await db.view.findMany({ where: { id: { in: viewIds } }, orderBy: { title: "asc" }, select: { slug: true, title: true } });
  return {
    ...list,
    header: parsed.header,
    ruleCount: parsed.rules.length,
    curators: list.curators.map(({ user }) => ({ id: user.id, name: displayName(user) })),
    usedBy,
  };
}
