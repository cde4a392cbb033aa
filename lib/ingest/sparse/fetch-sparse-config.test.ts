import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixtureIndexDir } from "../../../test/fixture-paths";
import { startSparseIndexServer, type SparseIndexServer } from "../../../test/sparse-index-server";
import { IngestError } from "../ingest-error";
import { fetchSparseConfig } from "./fetch-sparse-config";
import { SparseFetchError } from "./sparse-fetch-error";

const loopback = (url: URL) => url.protocol === "http:" && url.hostname === "127.0.0.1";
const fast = { allowedHosts: loopback, backoffBaseMs: 5 };

let server: SparseIndexServer;
beforeEach(async () => {
  server = await startSparseIndexServer();
});
afterEach(async () => {
  await server.close();
});

describe("fetchSparseConfig", () => {
  it("reads config.json (dl and api), with the sparse+ prefix stripped", async () => {
    const expected = JSON.parse(readFileSync(path.join(fixtureIndexDir, "config.json"), "utf8"));
    await expect(fetchSparseConfig(`sparse+${server.url}`, fast)).resolves.toEqual(expected);
    expect(server.requests.map((request) => request.path)).toEqual(["/config.json"]);
    expect(server.requests[0]!.headers["cargo-protocol"]).toBe("version=1");
  });

  it("retries a 503, then succeeds", async () => {
    server.setFault("config.json", { status: 503, times: 1 });
    await expect(fetchSparseConfig(server.url, fast)).resolves.toHaveProperty("dl");
    expect(server.requests.map((request) => request.status)).toEqual([503, 200]);
  });

  it("throws an IngestError for an HTML page or a config without dl, without retrying", async () => {
    server.setFault("config.json", { html: true });
    await expect(fetchSparseConfig(server.url, fast)).rejects.toThrow(IngestError);
    server.setFault("config.json", { body: '{"api":"https://crates.io"}', contentType: "application/json" });
    await expect(fetchSparseConfig(server.url, fast)).rejects.toThrow(`${server.url}config.json: dl: missing (expected string)`);
    expect(server.requests).toHaveLength(2);
  });

  it("fails on a missing config.json without retrying", async () => {
    const error = await fetchSparseConfig(`${server.url}no/such/index/`, fast).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SparseFetchError);
    expect((error as Error).message).toBe(`GET ${server.url}no/such/index/config.json failed: unexpected HTTP 404 Not Found`);
    expect(server.requests).toHaveLength(1);
  });
});
