import { beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import type { Actor } from "../auth/actor";
import { createTestUser, expectUserError } from "../reviews/review-test-fixtures";
import { addFilterListCurator } from "./add-filter-list-curator";
import { canEditFilterList } from "./can-edit-filter-list";
import { createFilterList } from "./create-filter-list";
import { createView } from "./create-view";
import { enforceListSaveRateLimit, LIST_PREVIEWS_PER_HOUR } from "./enforce-list-save-rate-limit";
import { evaluateView } from "./evaluate-view";
import { FilterListInvalid } from "./filter-list-invalid";
import { getCrateVerdict } from "./get-crate-verdict";
import { getFilterList } from "./get-filter-list";
import { getFilterListRevision } from "./get-filter-list-revision";
import { listFilterListRevisions } from "./list-filter-list-revisions";
import { listViews } from "./list-views";
import { previewFilterList } from "./preview-filter-list";
import { refreshCrateHeuristics } from "./refresh-crate-heuristics";
import { removeFilterListCurator } from "./remove-filter-list-curator";
import { revertFilterList } from "./revert-filter-list";
import { saveFilterList } from "./save-filter-list";
import { updateView } from "./update-view";

describe("filter lists and views", () => {
  const database = useTestPrisma({ seeded: true });
  let user: Actor;
  let curatorA: Actor; // curator of list "alpha"
  let curatorB: Actor; // curator of list "beta" only
  let admin: Actor;

  beforeAll(async () => {
    const db = database.prisma;
    user = await createTestUser(db, { name: "Plain" });
    curatorA = await createTestUser(db, { name: "Curator A", role: "curator" });
    curatorB = await createTestUser(db, { name: "Curator B", role: "curator" });
    admin = await createTestUser(db, { name: "Admin", role: "admin" });
    await refreshCrateHeuristics(db);
  });

  const body = (...lines: string[]) => `! Title: test\n${lines.join("\n")}\n`;

  it("createFilterList: anonymous 401, users 403, curators create and become the list's curator", async () => {
    const db = database.prisma;
    const input = { slug: "alpha", title: "Alpha", description: "", body: body("hide name:serde # test"), message: "first" };
    await expectUserError(createFilterList(db, null, input), "unauthenticated");
    await expectUserError(createFilterList(db, user, input), "forbidden");
    expect(await createFilterList(db, curatorA, input)).toEqual({ slug: "alpha" });
    await createFilterList(db, curatorB, { ...input, slug: "beta", title: "Beta", body: body("allow name:serde") });
    await expectUserError(createFilterList(db, curatorA, input), "conflict");
    const bad = await expectUserError(createFilterList(db, curatorA, { ...input, slug: "gamma", body: body("hide bogus:thing") }), "invalid");
    expect((bad as FilterListInvalid).lineErrors[0]!.line).toBe(2);
    const detail = await getFilterList(db, "alpha");
    expect(detail).toMatchObject({ slug: "alpha", revision: 1, ruleCount: 1, curators: [{ id: curatorA.id, name: "Curator A" }], usedBy: [] });
  });

  it("saveFilterList: the permission matrix", async () => {
    const db = database.prisma;
    const save = (actor: Actor | null, expectedRevision: number) =>
      saveFilterList(db, actor, "alpha", { body: body("hide name:serde # again"), message: "edit", expectedRevision });
    await expectUserError(save(null, 1), "unauthenticated");
    await expectUserError(save(user, 1), "forbidden");
    await expectUserError(save(curatorB, 1), "forbidden");
    expect(await save(curatorA, 1)).toEqual({ revision: 2 });
    expect(await save(admin, 2)).toEqual({ revision: 3 });
    expect(await canEditFilterList(db, curatorB, "alpha")).toBe(false);
    expect(await canEditFilterList(db, curatorA, "alpha")).toBe(true);
    expect(await canEditFilterList(db, admin, "alpha")).toBe(true);
    expect(await canEditFilterList(db, null, "alpha")).toBe(false);
  });

  it("a save with errors, a stale revision, no message or a cycle changes nothing", async () => {
    const db = database.prisma;
    const before = await db.filterList.findUniqueOrThrow({ where: { slug: "alpha" } });
    const error = await expectUserError(
      saveFilterList(db, curatorA, "alpha", { body: body("hide name:serde", "frobnicate name:x", "include list:nope"), message: "m", expectedRevision: 3 }),
      "invalid",
    );
    expect(error).toBeInstanceOf(FilterListInvalid);
    expect((error as FilterListInvalid).lineErrors.map((e) => e.line)).toEqual([3, 4]);
    await expectUserError(saveFilterList(db, curatorA, "alpha", { body: body(), message: "m", expectedRevision: 2 }), "conflict");
    await expectUserError(saveFilterList(db, curatorA, "alpha", { body: body(), message: "  ", expectedRevision: 3 }), "invalid");
    // beta includes alpha; alpha including beta would be a cycle.
    await saveFilterList(db, curatorB, "beta", { body: body("allow name:serde", "include list:alpha"), message: "inc", expectedRevision: 1 });
    const cycle = await expectUserError(
      saveFilterList(db, curatorA, "alpha", { body: body("include list:beta"), message: "m", expectedRevision: 3 }),
      "invalid",
    );
    expect((cycle as FilterListInvalid).lineErrors[0]!.message).toMatch(/cycle/);
    const after = await db.filterList.findUniqueOrThrow({ where: { slug: "alpha" } });
    expect({ body: after.body, revision: after.revision }).toEqual({ body: before.body, revision: before.revision });
    expect(await db.filterListRevision.count({ where: { listId: before.id } })).toBe(3);
  });

  it("revisions, revert, history read models", async () => {
    const db = database.prisma;
    await expectUserError(revertFilterList(db, curatorB, "alpha", 1), "forbidden");
    expect(await revertFilterList(db, curatorA, "alpha", 1)).toEqual({ revision: 4 });
    const revisions = await listFilterListRevisions(db, "alpha");
    expect(revisions.map((r) => r.number)).toEqual([4, 3, 2, 1]);
    expect(revisions[0]!.message).toBe("Revert to revision 1");
    const r4 = await getFilterListRevision(db, "alpha", 4);
    const r1 = await getFilterListRevision(db, "alpha", 1);
    expect(r4!.body).toBe(r1!.body);
    expect(r4!.previousBody).toBe((await getFilterListRevision(db, "alpha", 3))!.body);
    expect(r1!.previousBody).toBeNull();
    expect(await getFilterListRevision(db, "alpha", 99)).toBeNull();
  });

  it("curators: only admins add and remove; adding raises a user to curator and logs it", async () => {
    const db = database.prisma;
    await expectUserError(addFilterListCurator(db, null, "alpha", user.id), "unauthenticated");
    await expectUserError(addFilterListCurator(db, curatorA, "alpha", user.id), "forbidden");
    const email = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).email!;
    expect(await addFilterListCurator(db, admin, "alpha", email.toUpperCase())).toEqual({ userId: user.id, roleRaised: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("curator");
    expect(await db.moderationLog.count({ where: { subject: `user:${user.id}`, action: "set_role" } })).toBe(1);
    await expectUserError(removeFilterListCurator(db, curatorA, "alpha", user.id), "forbidden");
    await removeFilterListCurator(db, admin, "alpha", user.id);
    expect(await canEditFilterList(db, { ...user, role: "curator" }, "alpha")).toBe(false);
  });

  it("previewFilterList: exact counts of the list alone, old text against new", async () => {
    const db = database.prisma;
    await expectUserError(previewFilterList(db, curatorB, "alpha", body()), "forbidden");
    const placeholders = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM crate_heuristics WHERE 'placeholder' = ANY(heuristics)`,
    );
    // alpha hides serde now; the new text hides placeholders and demotes tokio instead.
    const preview = await previewFilterList(db, curatorA, "alpha", body("hide heuristic:placeholder", "demote name:tokio"));
    expect(preview.errors).toEqual([]);
    expect(preview.counts).toEqual({ hides: placeholders[0]!.n, unhides: 1, demotes: 1, undemotes: 0 });
    expect(preview.unhides).toEqual(["serde"]);
    expect(preview.demotes).toEqual(["tokio"]);
    expect(preview.hides).toEqual([...preview.hides].sort());
    const bad = await previewFilterList(db, curatorA, "alpha", body("hide"));
    expect(bad.errors).toHaveLength(1);
    expect(bad.counts.hides).toBe(0);
  });

  it("evaluateView: precedence by position, only differences written, views re-evaluated on save", async () => {
    const db = database.prisma;
    // beta (allow serde, includes alpha) first, then alpha (hide serde).
    const input = { slug: "mine", title: "Mine", description: "", lists: [{ list: "beta" }, { list: "alpha" }] };
    await expectUserError(createView(db, user, input), "forbidden");
    await createView(db, curatorA, input);
    const view = await db.view.findUniqueOrThrow({ where: { slug: "mine" } });
    expect((await getCrateVerdict(db, view.id, "serde"))!.action).toBe("allow");
    const again = await evaluateView(db, view.id);
    expect(again.changed).toBe(0);

    // Reversed order: alpha's hide decides.
    await expectUserError(updateView(db, curatorB, "mine", { ...input, lists: [{ list: "alpha" }, { list: "beta" }] }), "forbidden");
    await updateView(db, curatorA, "mine", { ...input, lists: [{ list: "alpha" }, { list: "beta" }] });
    const verdict = await getCrateVerdict(db, view.id, "serde");
    expect(verdict!.action).toBe("hide");
    expect(verdict!.decidedBy).toMatchObject({ listSlug: "alpha", line: 2 });

    // A save of alpha re-evaluates the view: only serde's row changes.
    const alpha = await db.filterList.findUniqueOrThrow({ where: { slug: "alpha" } });
    await saveFilterList(db, curatorA, "alpha", { body: body("demote name:serde"), message: "soften", expectedRevision: alpha.revision });
    expect((await getCrateVerdict(db, view.id, "serde"))!.action).toBe("demote");
    await db.$executeRawUnsafe(`UPDATE crate_verdicts SET sources = '{"stale": true}' WHERE view_id = $1 AND name_lower = 'serde'`, view.id);
    await db.crateVerdict.create({ data: { viewId: view.id, nameLower: "tokio", action: "hide", sources: {} } });
    const fixed = await evaluateView(db, view.id);
    expect(fixed.changed).toBe(2); // serde rewritten, tokio deleted
    expect(await getCrateVerdict(db, view.id, "tokio")).toBeNull();
    expect(await evaluateView(db, view.id, { names: ["serde", "tokio"] })).toMatchObject({ crates: 2, changed: 0, demoted: 1 });

    const views = await listViews(db);
    expect(views[0]!.slug).toBe("default");
    expect(views.find((v) => v.slug === "mine")).toMatchObject({ owner: { id: curatorA.id }, lists: [{ kind: "list", slug: "alpha" }, { kind: "list", slug: "beta" }] });
    expect((await getFilterList(db, "alpha"))!.usedBy.map((v) => v.slug)).toEqual(["mine"]);
  });

  it("the default view hides the placeholders and demotes the fully yanked", async () => {
    const db = database.prisma;
    const view = await db.view.findUniqueOrThrow({ where: { slug: "default" } });
    const result = await evaluateView(db, view.id);
    const placeholders = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM crate_heuristics WHERE 'placeholder' = ANY(heuristics) OR 'squatting-burst' = ANY(heuristics)`,
    );
    expect(result.hidden).toBe(placeholders[0]!.n);
    expect((await getCrateVerdict(db, view.id, "g"))!.action).toBe("hide");
    expect((await getCrateVerdict(db, view.id, "unbounded"))).toMatchObject({ action: "demote" });
    expect(await getCrateVerdict(db, view.id, "serde")).toBeNull();
    await expectUserError(updateView(db, curatorA, "default", { title: "x", description: "", lists: [] }), "forbidden");
  });

  it("previews are rate-limited per account: each one evaluates every crate", async () => {
    const db = database.prisma;
    const limited = await createTestUser(db, { name: "Previewer", role: "curator" });
    await createFilterList(db, limited, { slug: "previewed", title: "Previewed", description: "", body: body("hide name:serde"), message: "first" });
    // Fill this hour's allowance, then one more preview is refused; saves have their own allowance.
    for (let i = 0; i < LIST_PREVIEWS_PER_HOUR - 1; i++) await enforceListSaveRateLimit(db, limited.id, new Date(), "preview");
    expect((await previewFilterList(db, limited, "previewed", body("hide name:rand"))).counts.hides).toBe(1);
    await expectUserError(previewFilterList(db, limited, "previewed", body("hide name:rand")), "rate_limited");
    await expect(saveFilterList(db, limited, "previewed", { body: body("hide name:rand"), message: "still saves", expectedRevision: 1 })).resolves.toEqual({ revision: 2 });
  });

  it("a save whose https include cannot be fetched (refused address, nothing listening) is refused on that line and changes nothing", async () => {
    const db = database.prisma;
    const owner = await createTestUser(db, { name: "Includer", role: "curator" });
    await createFilterList(db, owner, { slug: "includer", title: "Includer", description: "", body: body("hide name:serde"), message: "first" });
    const withInclude = (url: string) => body("hide name:rand", `include ${url}`);
    // A private address is refused before any connection is made.
    const refused = (await expectUserError(
      saveFilterList(db, owner, "includer", { body: withInclude("https://10.1.2.3/list.txt"), message: "include", expectedRevision: 1 }),
      "invalid",
    )) as FilterListInvalid;
    expect(refused.lineErrors).toEqual([{ line: 3, message: expect.stringContaining("Cannot fetch https://10.1.2.3/list.txt") }]);
    // Allowed to try (a test configuration), but nothing listens there.
    const unreachable = (await expectUserError(
      saveFilterList(
        db,
        owner,
        "includer",
        { body: withInclude("https://127.0.0.1:1/list.txt"), message: "include", expectedRevision: 1 },
        { fetch: { allowPrivate: true, timeoutMs: 2_000 } },
      ),
      "invalid",
    )) as FilterListInvalid;
    expect(unreachable.lineErrors).toEqual([{ line: 3, message: expect.stringContaining("Cannot fetch https://127.0.0.1:1/list.txt") }]);
    expect(await getFilterList(db, "includer")).toMatchObject({ revision: 1, body: body("hide name:serde") });
  });
});
