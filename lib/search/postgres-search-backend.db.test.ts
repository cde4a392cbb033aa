import { describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import { createPostgresSearchBackend } from "./postgres-search-backend";
import { describeSearchBackendContract } from "./search-backend-contract";
import { searchRequest } from "../../test/search-request";

describe("PostgreSQL search backend", () => {
  const database = useTestPrisma({ seeded: true });
  const backend = () => createPostgresSearchBackend(database.prisma);

  describeSearchBackendContract("postgres", () => ({ backend: backend(), prisma: database.prisma }));

  it("forgives swapped letters in a one-word query, from four letters on", async () => {
    const first = async (q: string) =>
      (await backend().search(searchRequest(q, { perPage: 3 }))).results[0]?.name;
    expect(await first("clpa")).toBe("clap");
    expect(await first("chorno")).toBe("chrono");
    expect(await first("gol")).not.toBe("log");
  });

  it("offers a corrected query when a misspelt one finds nothing", async () => {
    const result = await backend().search(searchRequest("regulr expresions"));
    expect(result.total).toBe(0);
    expect(result.didYouMean).toBe("regex");
    const corrected = await backend().search(searchRequest(result.didYouMean!));
    expect(corrected.results[0]?.name).toBe("regex");
  });

  it("offers nothing when no word is close to anything", async () => {
    const result = await backend().search(searchRequest("qqqqzzzz"));
    expect(result).toMatchObject({ total: 0, didYouMean: null });
  });
});
