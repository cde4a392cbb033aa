import { describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import { createPostgresSearchBackend } from "./postgres-search-backend";
import { describeSearchBackendContract } from "./search-backend-contract";

describe("PostgreSQL search backend", () => {
  const database = useTestPrisma({ seeded: true });
  const backend = () => createPostgresSearchBackend(database.prisma);

  describeSearchBackendContract("postgres", () => ({ backend: backend(), prisma: database.prisma }));

  it("forgives swapped letters in a one-word query, from four letters on", async () => {
    const first = async (q: string) =>
      (await backend().search({ q, page: 1, perPage: 3, sort: "relevance", filters: {}, facets: false })).results[0]?.name;
    expect(await first("clpa")).toBe("clap");
    expect(await first("chorno")).toBe("chrono");
    expect(await first("gol")).not.toBe("log");
  });

  it("offers a corrected query when a misspelt one finds nothing", async () => {
    const result = await backend().search({ q: "regulr expresions", page: 1, perPage: 10, sort: "relevance", filters: {}, facets: false });
    expect(result.total).toBe(0);
    expect(result.didYouMean).toBe("regex");
    const corrected = await backend().search({ q: result.didYouMean!, page: 1, perPage: 10, sort: "relevance", filters: {}, facets: false });
    expect(corrected.results[0]?.name).toBe("regex");
  });

  it("offers nothing when no word is close to anything", async () => {
    const result = await backend().search({ q: "qqqqzzzz", page: 1, perPage: 10, sort: "relevance", filters: {}, facets: false });
    expect(result).toMatchObject({ total: 0, didYouMean: null });
  });
});
