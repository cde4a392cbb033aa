import { describe, expect, it } from "vitest";
import { useTestPrisma } from "../../../test/test-database";
import type { Verdict, VerdictSource } from "../../curation/filter-list-types";
import type { Prisma } from "../../generated/prisma/client";
import { lookupCrateCurations } from "./lookup-crate-curations";

describe("lookupCrateCurations", () => {
  const database = useTestPrisma({ seeded: false });

  it("gives the view's verdicts on the named crates, by lower-case name, and nothing for the others", async () => {
    const db = database.prisma;
    const views = await db.view.findMany({ orderBy: { id: "asc" }, select: { id: true } });
    const [first, second] = views.map((v) => v.id);
    const rule = (text: string, line: number): VerdictSource => ({ listSlug: "heuristics", line, rule: text, reason: null });
    const demoted: Verdict = {
      action: "demote",
      decidedBy: rule("demote heuristic:all-yanked", 9),
      labels: [{ label: "broken", source: rule("label broken heuristic:all-yanked", 10) }],
      replaceWith: null,
    };
    const json = (verdict: Verdict) => verdict as unknown as Prisma.InputJsonValue;
    const labelled: Verdict = { action: null, decidedBy: null, labels: [], replaceWith: { crate: "tokio", source: rule("replace-with tokio old-tokio", 3) } };
    await db.crateVerdict.createMany({
      data: [
        { viewId: first!, nameLower: "old_serde", action: "demote", labels: ["broken"], sources: json(demoted) },
        { viewId: first!, nameLower: "old-tokio", action: null, replaceWith: "tokio", sources: json(labelled) },
        // Another view's verdict on the same crate is not this view's.
        { viewId: second!, nameLower: "anyhow", action: "hide", sources: json({ action: "hide", decidedBy: rule("hide anyhow", 1), labels: [], replaceWith: null }) },
      ],
    });

    const curations = await lookupCrateCurations(db)(first!, ["old_serde", "Old-Tokio", "anyhow", "libc"]);
    expect([...curations.keys()].sort()).toEqual(["old-tokio", "old_serde"]);
    expect(curations.get("old_serde")).toEqual({ action: "demote", decidedBy: rule("demote heuristic:all-yanked", 9), labels: ["broken"], replaceWith: null });
    expect(curations.get("old-tokio")).toEqual({ action: null, decidedBy: null, labels: [], replaceWith: "tokio" });

    expect((await lookupCrateCurations(db)(second!, ["anyhow"])).get("anyhow")).toMatchObject({ action: "hide", decidedBy: rule("hide anyhow", 1) });
    expect((await lookupCrateCurations(db)(first!, [])).size).toBe(0);
  });
});
