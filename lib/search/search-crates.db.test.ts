import { describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import { searchCrates } from "./search-crates";

describe("searchCrates on the fixtures", () => {
  const database = useTestPrisma({ seeded: true });
  const names = async (q: string, perPage = 10) =>
    (await searchCrates(database.prisma, { q, page: 1, perPage })).results.map((r) => r.name);

  it("pins the exact name first", async () => {
    const result = await searchCrates(database.prisma, { q: "serde", page: 1, perPage: 10 });
    expect(result.results[0]).toMatchObject({ name: "serde", exactMatch: true });
    expect(result.results.slice(1).some((r) => r.name === "serde_json")).toBe(true);
    expect(result.results.slice(1).every((r) => !r.exactMatch)).toBe(true);
  });

  it("treats case, - and _ alike for the exact match", async () => {
    expect((await names("Serde-JSON"))[0]).toBe("serde_json");
    expect((await names("openapi_test_davidkim"))[0]).toBe("openAPI_test_davidkim");
  });

  it("matches prefixes", async () => {
    expect((await names("toki")).slice(0, 3)).toContain("tokio");
    expect((await names("crossb")).slice(0, 5)).toEqual(expect.arrayContaining(["crossbeam-channel", "crossbeam-utils"]));
  });

  it("tolerates typos in a crate name", async () => {
    expect((await names("tokoi")).slice(0, 3)).toContain("tokio");
    expect((await names("reqwset")).slice(0, 3)).toContain("reqwest");
  });

  it("finds crates by concept through descriptions and keywords", async () => {
    expect((await names("http client", 5))).toContain("reqwest");
    expect((await names("serialization", 5))).toContain("serde");
    expect((await names("regular expressions", 5))).toContain("regex");
  });

  it("ranks popular crates above obscure ones for a shared word", async () => {
    const ranked = await names("rand", 5);
    expect(ranked[0]).toBe("rand");
    expect(ranked.slice(1, 3)).toEqual(expect.arrayContaining(["rand_core"]));
  });

  it("paginates with a stable total and an empty page past the end", async () => {
    const first = await searchCrates(database.prisma, { q: "serde", page: 1, perPage: 2 });
    const second = await searchCrates(database.prisma, { q: "serde", page: 2, perPage: 2 });
    expect(first.total).toBeGreaterThan(3);
    expect(second.total).toBe(first.total);
    expect(second.results.map((r) => r.name)).not.toEqual(expect.arrayContaining(first.results.map((r) => r.name)));
    const beyond = await searchCrates(database.prisma, { q: "serde", page: 1000, perPage: 2 });
    expect(beyond.results).toEqual([]);
    expect(beyond.total).toBe(first.total);
  });

  it("lists every crate by popularity for an empty query", async () => {
    const result = await searchCrates(database.prisma, { q: "  ", page: 1, perPage: 5 });
    expect(result.total).toBe(222);
    expect(result.results[0]!.reverseDependencies).toBeGreaterThanOrEqual(result.results[4]!.reverseDependencies);
  });

  it.each([
    "serde & | ! :* ( ) <-> tokio",
    "'\"\\",
    "a".repeat(10_000),
    "nul\u0000byte",
    "\u202eright-to-left\u200f",
    "🦀 crab",
    ":*",
    "!!!",
    "the",
  ])("answers any input without failing: %j", async (q) => {
    const result = await searchCrates(database.prisma, { q, page: 1, perPage: 10 });
    expect(result.total).toBeGreaterThanOrEqual(result.results.length);
  });
});
