import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";

// A stand-in Meilisearch for tests: it answers from a recording of request and
// response pairs (recordings/*.json, see recordings/README.md), in order, and
// any request that differs from the next recorded one (method, path, query,
// JSON body) is a failure that verify() reports. In record mode it forwards
// every request to a live server instead and writes what it saw to the file.

export interface RecordedRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

export interface RecordedResponse {
  status: number;
  body?: unknown;
}

export interface Exchange {
  request: RecordedRequest;
  response: RecordedResponse;
}

export interface Recording {
  description: string;
  /** Where the responses come from: "recorded from Meilisearch <version>" or "written from the API reference". */
  source: string;
  /** False for states a live server cannot be brought into on demand (a failed task, a missing index): never re-recorded. */
  recordable?: boolean;
  exchanges: Exchange[];
}

export interface ReplayOptions {
  /** Applied to recorded and received bodies alike before comparing: blanks out values that vary between runs. */
  normalize?: (body: unknown, request: { method: string; path: string }) => unknown;
}

export interface ReplayServer {
  url: string;
  /** `METHOD /path` of every request received, in order. */
  readonly received: string[];
  /** Throws if a request did not match its recording, or a recorded exchange was never asked for. */
  verify(): void;
  /** Stops the server; in record mode also writes the recording. */
  close(): Promise<void>;
}

export const RECORDINGS_DIR = path.join(import.meta.dirname, "recordings");

export function readRecording(name: string): Recording {
  return JSON.parse(readFileSync(path.join(RECORDINGS_DIR, `${name}.json`), "utf8")) as Recording;
}

export async function startReplayServer(recording: Recording, options: ReplayOptions = {}): Promise<ReplayServer> {
  const normalize = options.normalize ?? ((body) => body);
  const received: string[] = [];
  const problems: string[] = [];
  let next = 0;
  const server = await listen(async (req, res) => {
    const request = await readRequest(req);
    received.push(`${request.method} ${request.path}`);
    const expected = recording.exchanges[next];
    const mismatch = expected ? describeMismatch(expected.request, request, normalize) : "no more requests were recorded";
    if (mismatch) {
      problems.push(`request ${received.length} (${request.method} ${request.path}${queryString(request.query)}): ${mismatch}`);
      // A Meilisearch-shaped error, so that the client under test throws too.
      return send(res, 500, { message: `replay: ${mismatch}`, code: "replay_mismatch", type: "internal", link: "" });
    }
    next += 1;
    send(res, expected!.response.status, expected!.response.body);
  });
  return {
    url: server.url,
    received,
    verify() {
      const unused = recording.exchanges.slice(next).map((e) => `${e.request.method} ${e.request.path}`);
      if (unused.length > 0) problems.push(`recorded but never requested: ${unused.join(", ")}`);
      if (problems.length > 0) throw new Error(`Meilisearch replay of "${recording.description}" failed:\n- ${problems.join("\n- ")}`);
    },
    close: server.close,
  };
}

/**
 * Record mode: forwards every request to `targetUrl` (headers included, so an
 * API key passes through; headers are never written) and, on close, writes
 * the exchanges to `file`. Polls of a task that was still enqueued or
 * processing are left out: replays then answer each poll with the final state.
 */
export async function startRecordingServer(targetUrl: string, file: string, description: string): Promise<ReplayServer> {
  const exchanges: Exchange[] = [];
  const received: string[] = [];
  let authorization: string | undefined;
  const server = await listen(async (req, res) => {
    const request = await readRequest(req);
    received.push(`${request.method} ${request.path}`);
    const headers = new Headers();
    for (const name of ["authorization", "content-type"]) if (req.headers[name]) headers.set(name, String(req.headers[name]));
    authorization = req.headers.authorization ?? authorization;
    const upstream = await fetch(new URL(`${request.path.slice(1)}${queryString(request.query)}`, withSlash(targetUrl)), {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    const text = await upstream.text();
    const body: unknown = text === "" ? undefined : JSON.parse(text);
    if (!isPendingTaskPoll(request, body)) exchanges.push({ request, response: { status: upstream.status, body } });
    send(res, upstream.status, body);
  });
  return {
    url: server.url,
    received,
    verify() {},
    async close() {
      await server.close();
      const version = await fetch(new URL("version", withSlash(targetUrl)), { headers: authorization ? { authorization } : {} })
        .then(async (r) => ((await r.json()) as { pkgVersion?: string }).pkgVersion ?? "(version unknown)")
        .catch(() => "(version unknown)");
      const recording: Recording = { description, source: `recorded from Meilisearch ${version} at ${new Date().toISOString()}`, exchanges };
      writeFileSync(file, `${JSON.stringify(recording, null, 2)}\n`);
    },
  };
}

/**
 * A replay of recordings/<name>.json, or, when MEILI_RECORD=1 and MEILI_URL is
 * set, a recording of it against that server (unless the recording is not
 * recordable).
 */
export async function replayOrRecord(name: string, options: ReplayOptions = {}): Promise<ReplayServer> {
  const recording = readRecording(name);
  const live = process.env.MEILI_URL;
  if (process.env.MEILI_RECORD === "1" && live && recording.recordable !== false) {
    return startRecordingServer(live, path.join(RECORDINGS_DIR, `${name}.json`), recording.description);
  }
  return startReplayServer(recording, options);
}

function describeMismatch(
  expected: RecordedRequest,
  actual: RecordedRequest,
  normalize: NonNullable<ReplayOptions["normalize"]>,
): string | null {
  const wanted = `${expected.method} ${expected.path}${queryString(expected.query)}`;
  if (expected.method !== actual.method || expected.path !== actual.path) return `expected ${wanted}`;
  if (!isDeepStrictEqual(expected.query ?? {}, actual.query ?? {})) return `expected the query of ${wanted}`;
  const target = { method: actual.method, path: actual.path };
  const want = expected.body === undefined ? undefined : normalize(expected.body, target);
  const got = actual.body === undefined ? undefined : normalize(actual.body, target);
  if (!isDeepStrictEqual(want, got)) return `body differs from the recording:\n  expected ${JSON.stringify(want)}\n  received ${JSON.stringify(got)}`;
  return null;
}

function isPendingTaskPoll(request: RecordedRequest, body: unknown): boolean {
  const status = (body as { status?: unknown } | undefined)?.status;
  return request.method === "GET" && /^\/tasks\/\d+$/.test(request.path) && (status === "enqueued" || status === "processing");
}

async function readRequest(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  const url = new URL(req.url ?? "/", "http://replay");
  const query = Object.fromEntries(url.searchParams);
  return {
    method: req.method ?? "GET",
    path: url.pathname,
    ...(Object.keys(query).length > 0 ? { query } : {}),
    ...(text === "" ? {} : { body: JSON.parse(text) as unknown }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function listen(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { message: `replay server: ${String(error)}`, code: "replay_error", type: "internal", link: "" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function queryString(query: Record<string, string> | undefined): string {
  return query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query)}` : "";
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}
