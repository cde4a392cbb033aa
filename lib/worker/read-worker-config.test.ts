import { describe, expect, it } from "vitest";
import { fixtureDumpPath, fixtureIndexDir } from "../../test/fixture-paths";
import { DEFAULT_DUMP_CRON, DEFAULT_INDEX_CRON, readWorkerConfig } from "./read-worker-config";

describe("readWorkerConfig", () => {
  it("reads the sources and falls back to the default crons", () => {
    expect(readWorkerConfig({ INDEX_DIR: fixtureIndexDir, DUMP_SOURCE: ` ${fixtureDumpPath} ` })).toEqual({
      indexDir: fixtureIndexDir,
      dumpSource: fixtureDumpPath,
      indexCron: DEFAULT_INDEX_CRON,
      dumpCron: DEFAULT_DUMP_CRON,
    });
    expect(readWorkerConfig({ INDEX_DIR: "", WORKER_DUMP_CRON: "0  3 * * *" })).toMatchObject({ indexDir: null, dumpSource: null, dumpCron: "0 3 * * *" });
  });

  it("accepts an https URL, and plain http only to this machine", () => {
    expect(readWorkerConfig({ DUMP_SOURCE: "https://example.com/db-dump.tar.gz" }).dumpSource).toBe("https://example.com/db-dump.tar.gz");
    expect(readWorkerConfig({ DUMP_SOURCE: "http://127.0.0.1:8080/d.tar.gz" }).dumpSource).toBe("http://127.0.0.1:8080/d.tar.gz");
  });

  it.each([
    [{ WORKER_INDEX_CRON: "*/5 * * *" }, 'WORKER_INDEX_CRON="*/5 * * *": expected 5 cron fields (minute hour day-of-month month day-of-week, in UTC), got 4'],
    [{ WORKER_INDEX_CRON: "0 */5 * * * *" }, "expected 5 cron fields"],
    [{ WORKER_DUMP_CRON: "61 4 * * *" }, 'WORKER_DUMP_CRON="61 4 * * *": not a valid cron expression'],
    [{ INDEX_DIR: "/nonexistent/index" }, "INDEX_DIR=/nonexistent/index: cannot read /nonexistent/index: ENOENT"],
    [{ INDEX_DIR: fixtureDumpPath }, `INDEX_DIR=${fixtureDumpPath}: ${fixtureDumpPath} is not a directory`],
    [{ DUMP_SOURCE: fixtureIndexDir }, `DUMP_SOURCE=${fixtureIndexDir}: ${fixtureIndexDir} is not a file`],
    [{ DUMP_SOURCE: "http://example.com/db-dump.tar.gz" }, "DUMP_SOURCE=http://example.com/db-dump.tar.gz: only https URLs are accepted"],
    [{ DUMP_SOURCE: "ftp://example.com/db-dump.tar.gz" }, "only https URLs are accepted"],
    [{ DUMP_SOURCE: "https://exa mple.com/x" }, "DUMP_SOURCE=https://exa mple.com/x: not a valid URL"],
  ])("refuses %o, naming the setting", (env, message) => {
    expect(() => readWorkerConfig(env)).toThrow(message);
  });
});
