import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { checkFilterListBody } from "./check-filter-list-body";
import { evaluateCrate } from "./evaluate-crate";
import type { LineError } from "./filter-list-types";
import { enforceListSaveRateLimit } from "./enforce-list-save-rate-limit";
import { findEditableList } from "./find-editable-list";
import { loadCrateFacts } from "./load-crate-facts";
import { compileListBody, ListBodies } from "./resolve-view";

export interface FilterListPreview {
  errors: LineError[];
  hides: string[];
  unhides: string[];
  demotes: string[];
  undemotes: string[];
  counts: { hides: number; unhides: number; demotes: number; undemotes: number };
}

/** Names shown per kind of change; counts stay exact. */
export const PREVIEW_CAP = 200;

/**
 * What saving `body` would change, the list evaluated alone (old active text
 * against the new one, each as a one-list view with its includes resolved)
 * over every crate: crates newly hidden, no longer hidden, newly demoted, no
 * longer demoted. With line errors, only the errors (no remote list is
 * fetched here: a URL not fetched yet counts as empty).
 */
export async function previewFilterList(db: PrismaClient, actor: Actor | null, slug: string, body: string): Promise<FilterListPreview> {
  const { list, actor: editor } = await findEditableList(db, actor, slug, "preview changes to this list");
  await enforceListSaveRateLimit(db, editor.id, new Date(), "preview");
  const empty = { hides: [], unhides: [], demotes: [], undemotes: [], counts: { hides: 0, unhides: 0, demotes: 0, undemotes: 0 } };
  const { errors } = await checkFilterListBody(db, slug, body, { fetchUrls: false });
  if (errors.length > 0) return { errors, ...empty };

  const bodies = new ListBodies(db);
  const before = (await compileListBody(db, slug, list.body, bodies)).compiled;
  const after = (await compileListBody(db, slug, body, bodies)).compiled;
  const found = { hides: [] as string[], unhides: [] as string[], demotes: [] as string[], undemotes: [] as string[] };
  for await (const batch of loadCrateFacts(db)) {
    for (const facts of batch) {
      const was = evaluateCrate([before], facts)?.action ?? null;
      const is = evaluateCrate([after], facts)?.action ?? null;
      if (was === is) continue;
      if (is === "hide") found.hides.push(facts.nameLower);
      if (was === "hide") found.unhides.push(facts.nameLower);
      if (is === "demote") found.demotes.push(facts.nameLower);
      if (was === "demote") found.undemotes.push(facts.nameLower);
    }
  }
  const cap = (names: string[]) => names.sort().slice(0, PREVIEW_CAP);
  return {
    errors: [],
    hides: cap(found.hides),
    unhides: cap(found.unhides),
    demotes: cap(found.demotes),
    undemotes: cap(found.undemotes),
    counts: { hides: found.hides.length, unhides: found.unhides.length, demotes: found.demotes.length, undemotes: found.undemotes.length },
  };
}
