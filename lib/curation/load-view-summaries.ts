import type { Prisma } from "../generated/prisma/client";
import { displayName } from "../reviews/display-name";
import type { Db } from "../reviews/db-types";
import type { ViewListEntry, ViewSummary } from "./filter-list-views";

/** Views matching `where` as the pages show them, default first, then built-in, then by title. */
export async function loadViewSummaries(db: Db, where: Prisma.ViewWhereInput = {}): Promise<ViewSummary[]> {
  const views = await db.view.findMany({
    where,
    orderBy: [{ isDefault: "desc" }, { builtIn: "desc" }, { title: "asc" }],
    select: {
      id: true,
      slug: true,
      title: true,
      description: true,
      builtIn: true,
      isDefault: true,
      evaluatedAt: true,
      owner: { select: { id: true, name: true } },
      lists: {
        orderBy: { position: "asc" },
        select: {
          list: { select: { slug: true, title: true } },
          remote: { select: { url: true, title: true, fetchedAt: true, fetchError: true } },
        },
      },
    },
  });
  if (views.length === 0) return [];
  const counts = await db.$queryRawUnsafe<{ view_id: number; n: number }[]>(
    `SELECT view_id, count(*)::int AS n FROM crate_verdicts WHERE view_id = ANY($1::int[]) AND action = 'hide' GROUP BY view_id`,
    views.map((v) => v.id),
  );
  const hidden = new Map(counts.map((c) => [c.view_id, c.n]));
  return views.map(({ owner, lists, ...view }) => ({
    ...view,
    owner: owner ? { id: owner.id, name: displayName(owner) } : null,
    lists: lists.flatMap((entry): ViewListEntry[] =>
      entry.list
        ? [{ kind: "list" as const, slug: entry.list.slug, title: entry.list.title }]
        : entry.remote
          ? [{ kind: "remote" as const, ...entry.remote }]
          : [],
    ),
    hiddenCount: hidden.get(view.id) ?? 0,
  }));
}
