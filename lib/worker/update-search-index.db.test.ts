import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import { clientFor, ignoreQuality, keepOnlyCrates, RECORDED_NOW } from "../search/meilisearch/meilisearch-test-helpers";
import { rebuildSearchIndex } from "../search/meilisearch/rebuild-search-index";
import { replayOrRecord, type ReplayServer } from "../search/meilisearch/replay-server";
import type { JobOutcome } from "./ingest-jobs";

// The worker's post-run hook reads MEILI_URL once per process (lib/env.ts),
// so each test loads it afresh with the environment it needs.
const outcome: JobOutcome = { runId: 1, description: "test run", counts: {} };
const saved = { MEILI_URL: process.env.MEILI_URL, DATABASE_URL: process.env.DATABASE_URL };

async function loadHook(env: { MEILI_URL?: string; DATABASE_URL?: string }) {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return (await import("./update-search-index")).updateSearchIndex;
}

describe("updateSearchIndex", () => {
  const database = useTestPrisma({ seeded: true });
  let server: ReplayServer | undefined;
  beforeAll(async () => {
    await keepOnlyCrates(database.prisma, ["serde", "tokio"]);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(async () => {
    const { getDb } = await import("../db");
    await getDb().$disconnect();
    Object.assign(process.env, saved);
    for (const [name, value] of Object.entries(saved)) if (value === undefined) delete process.env[name];
  });

  it("does nothing without MEILI_URL, and says so once", async () => {
    const update = await loadHook({ MEILI_URL: undefined, DATABASE_URL: undefined });
    const lines: string[] = [];
    await update(outcome, (line) => lines.push(line));
    await update(outcome, (line) => lines.push(line));
    expect(lines).toEqual(["search: MEILI_URL is not set; PostgreSQL search needs no push"]);
    expect(await database.prisma.searchDocument.count()).toBe(0);
  });

  it("pushes the changes to Meilisearch when MEILI_URL is set", async () => {
    server = await replayOrRecord("rebuild", { normalize: ignoreQuality });
    await rebuildSearchIndex(database.prisma, clientFor(server), { batchSize: 1, now: () => RECORDED_NOW });
    await server.close();

    server = await replayOrRecord("push-unchanged");
    const update = await loadHook({ MEILI_URL: server.url, DATABASE_URL: database.db.url });
    const lines: string[] = [];
    await update(outcome, (line) => lines.push(line));
    server.verify();
    expect(lines).toEqual(["search: 0 documents pushed, 0 deleted"]);
  });

  it("fails the job when the push fails", async () => {
    await database.prisma.crate.update({ where: { name: "serde" }, data: { description: "Changed again, and the push fails" } });
    server = await replayOrRecord("push-task-failed", { normalize: ignoreQuality });
    const update = await loadHook({ MEILI_URL: server.url, DATABASE_URL: database.db.url });
    await expect(update(outcome, () => {})).rejects.toThrow(/no_space_left_on_device/);
    server.verify();
  });
});
