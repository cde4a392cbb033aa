import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import { createMeilisearchBackend } from "./meilisearch/meilisearch-search-backend";
import { readRecording } from "./meilisearch/replay-server";
import { createPostgresSearchBackend } from "./postgres-search-backend";
import { withFallback } from "./with-fallback";
import { searchRequest } from "../../test/search-request";

// The site's configuration when MEILI_URL is set: the real Meilisearch adapter
// in front, the real PostgreSQL backend behind. The Meilisearch side is a
// local server answering the recorded search, which the test takes down (it
// cuts every connection) and brings back.
describe("Meilisearch with PostgreSQL as fallback", () => {
  const database = useTestPrisma({ seeded: true });
  const recorded = readRecording("search-serde").exchanges[0]!;
  let up = true;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (!up) {
        req.socket.destroy();
        return;
      }
      req.resume();
      req.on("end", () => {
        res.writeHead(recorded.response.status, { "content-type": "application/json" });
        res.end(JSON.stringify(recorded.response.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const request = searchRequest("serde", { perPage: 3, facets: true });

  it("answers from PostgreSQL while Meilisearch is down, says so, and switches back after the retry delay", async () => {
    let clock = 1_000_000;
    const logged: string[] = [];
    const backend = withFallback(
      createMeilisearchBackend({ url, timeoutMs: 1_000 }),
      createPostgresSearchBackend(database.prisma),
      { retryAfterMs: 30_000, now: () => clock, log: (m) => logged.push(m) },
    );

    up = true;
    expect(await backend.search(request)).toMatchObject({ backend: "meilisearch", degraded: false });

    up = false;
    const degraded = await backend.search(request);
    expect(degraded).toMatchObject({ backend: "postgres", degraded: true });
    expect(degraded.results[0]?.name).toBe("serde");
    expect(logged.at(-1)).toMatch(/meilisearch failed .*answering from postgres/);

    // Back up, but within the retry delay: PostgreSQL still answers, without trying Meilisearch.
    up = true;
    clock += 10_000;
    expect(await backend.search(request)).toMatchObject({ backend: "postgres", degraded: true });

    clock += 30_000;
    expect(await backend.search(request)).toMatchObject({ backend: "meilisearch", degraded: false });
    expect(logged.at(-1)).toMatch(/meilisearch answers again/);
  });
});
