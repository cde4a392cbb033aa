import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { createProgress } from "./progress";
import { reportProgress } from "./report-progress";

describe("reportProgress", () => {
  it("gives up after one failed write, with one log line, and stops cleanly: progress never fails a run", async () => {
    // A port that accepts nothing: connecting fails at once.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));

    const progress = createProgress({ mode: "silent" });
    progress.phase("dump: versions", { unit: "rows" }).tick(5);
    const lines: string[] = [];
    const reporter = reportProgress(`postgresql://postgres@127.0.0.1:${port}/nothing`, 1, progress, { everyMs: 10, log: (m) => lines.push(m) });
    for (let waited = 0; waited < 5000 && lines.length === 0; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await reporter.stop();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Progress is no longer shown on the status page: .*ECONNREFUSED/);
  });
});
