import type { Heuristic, CrateFacts } from "./filter-list-types";
import type { CompiledFilterList } from "./compile-filter-list";
import type { Db } from "../reviews/db-types";

// Everything the evaluator knows about each crate, in name order, in batches.
// All crates: one set-based statement (owners, keywords and categories each
// aggregated once and hash-joined; heuristics from crate_heuristics), about
// 100 MB of rows at 250,000 crates. Named crates: a correlated subquery per
// crate, cheap for a few. Removed crates are skipped: they are shown nowhere,
// so they need no verdict.

export const CRATE_FACTS_BATCH = 10_000;

interface FactsRow {
  name_lower: string;
  owners: string[] | null;
  keywords: string[] | null;
  categories: string[] | null;
  heuristics: string[] | null;
}

const select = `
SELECT c.name_lower,
  ARRAY(SELECT CASE WHEN o.kind = 'user' THEN 'user/' || lower(u.login) ELSE 'team/' || lower(t.login) END
        FROM crate_owners o
        LEFT JOIN registry_users u ON o.kind = 'user' AND u.id = o.user_id
        LEFT JOIN registry_teams t ON o.kind = 'team' AND t.id = o.team_id
        WHERE o.crate_id = c.id AND coalesce(u.login, t.login) IS NOT NULL) AS owners,
  ARRAY(SELECT lower(k.keyword) FROM crate_keywords ck JOIN keywords k ON k.id = ck.keyword_id WHERE ck.crate_id = c.id) AS keywords,
  ARRAY(SELECT cat.slug FROM crate_categories cc JOIN categories cat ON cat.id = cc.category_id WHERE cc.crate_id = c.id) AS categories,
  h.heuristics
FROM crates c LEFT JOIN crate_heuristics h ON h.name_lower = c.name_lower
WHERE c.removed_at IS NULL`;

/** Which facts besides the name and heuristics to read: a view without owner, keyword or category rules needs none of them. */
export interface FactKinds {
  owners: boolean;
  keywords: boolean;
  categories: boolean;
}

const ALL_FACTS: FactKinds = { owners: true, keywords: true, categories: true };

/** The facts a view's lists look at. */
export function factKindsFor(lists: readonly CompiledFilterList[]): FactKinds {
  return {
    owners: lists.some((list) => list.byOwner.size > 0),
    keywords: lists.some((list) => list.byKeyword.size > 0),
    categories: lists.some((list) => list.byCategory.size > 0),
  };
}

function allSql(kinds: FactKinds): string {
  return `
SELECT c.name_lower, ${kinds.owners ? "o.owners" : "NULL::text[] AS owners"}, ${kinds.keywords ? "k.keywords" : "NULL::text[] AS keywords"},
  ${kinds.categories ? "g.categories" : "NULL::text[] AS categories"}, h.heuristics
FROM crates c
${
  kinds.owners
    ? `LEFT JOIN (SELECT o.crate_id,
                  array_agg(CASE WHEN o.kind = 'user' THEN 'user/' || lower(u.login) ELSE 'team/' || lower(t.login) END) AS owners
           FROM crate_owners o
           LEFT JOIN registry_users u ON o.kind = 'user' AND u.id = o.user_id
           LEFT JOIN registry_teams t ON o.kind = 'team' AND t.id = o.team_id
           WHERE coalesce(u.login, t.login) IS NOT NULL
           GROUP BY o.crate_id) o ON o.crate_id = c.id`
    : ""
}
${
  kinds.keywords
    ? `LEFT JOIN (SELECT ck.crate_id, array_agg(lower(k.keyword)) AS keywords
           FROM crate_keywords ck JOIN keywords k ON k.id = ck.keyword_id GROUP BY ck.crate_id) k ON k.crate_id = c.id`
    : ""
}
${
  kinds.categories
    ? `LEFT JOIN (SELECT cc.crate_id, array_agg(cat.slug) AS categories
           FROM crate_categories cc JOIN categories cat ON cat.id = cc.category_id GROUP BY cc.crate_id) g ON g.crate_id = c.id`
    : ""
}
LEFT JOIN crate_heuristics h ON h.name_lower = c.name_lower
WHERE c.removed_at IS NULL
ORDER BY c.name_lower`;
}

/**
 * Yields the facts of every served crate (or only of `names`, compared lower
 * case; unknown and removed ones are left out) in batches of about 10,000,
 * ordered by name_lower.
 */
export async function* loadCrateFacts(
  db: Db,
  options: { names?: string[]; batchSize?: number; kinds?: FactKinds } = {},
): AsyncIterable<CrateFacts[]> {
  const batchSize = options.batchSize ?? CRATE_FACTS_BATCH;
  if (options.names) {
    const names = [...new Set(options.names.map((n) => n.toLowerCase()))].sort();
    for (let i = 0; i < names.length; i += batchSize) {
      const rows = await db.$queryRawUnsafe<FactsRow[]>(
        `${select} AND c.name_lower = ANY($1::text[]) ORDER BY c.name_lower`,
        names.slice(i, i + batchSize),
      );
      if (rows.length > 0) yield rows.map(toFacts);
    }
    return;
  }
  // Every crate: one statement whose aggregates are hash-joined once (a
  // correlated subquery per crate costs three index lookups each, several
  // times slower at 250,000 crates), read whole and handed out in batches.
  // Facts no rule looks at are left empty (`kinds`): a view of heuristic rules reads two tables, not six.
  const rows = await db.$queryRawUnsafe<FactsRow[]>(allSql(options.kinds ?? ALL_FACTS));
  for (let i = 0; i < rows.length; i += batchSize) yield rows.slice(i, i + batchSize).map(toFacts);
}

function toFacts(row: FactsRow): CrateFacts {
  return {
    nameLower: row.name_lower,
    owners: row.owners ?? [],
    keywords: row.keywords ?? [],
    categories: row.categories ?? [],
    heuristics: (row.heuristics ?? []) as Heuristic[],
  };
}
