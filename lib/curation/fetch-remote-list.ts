import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { Db } from "../reviews/db-types";
import { parseFilterList } from "./parse-filter-list";

// Fetches a list published elsewhere into remote_lists. The URL comes from a
// curator, so the fetch is fenced like any server-side request to a
// user-given address: https only; the host is resolved here and every address
// it resolves to must be public (no loopback, private, link-local, CGNAT or
// unspecified ranges, in IPv4, IPv6 or IPv4-mapped form); the connection goes
// to the address that was checked (a custom `lookup`, so a second DNS answer
// cannot point it elsewhere: no rebinding); at most 3 redirects, each checked
// the same way; 10 s in all; 2 MB at most, counted while streaming. The body
// must be UTF-8 and parse without errors. A failure keeps the last good copy
// and records the error. CURATION_ALLOW_PRIVATE_URLS=1 (tests, a local
// mirror) allows plain http and private addresses; it is read at each call.

export const REMOTE_LIST_MAX_BYTES = 2 * 1024 * 1024;
export const REMOTE_LIST_TIMEOUT_MS = 10_000;
export const REMOTE_LIST_MAX_REDIRECTS = 3;
export const REMOTE_LIST_DEFAULT_REFRESH_MINUTES = 1440;
const MIN_REFRESH_MINUTES = 60;
const MAX_REFRESH_MINUTES = 43_200;

export interface FetchRemoteListOptions {
  /** The whole fetch, redirects included (default 10 s). */
  timeoutMs?: number;
  maxBytes?: number;
  /** Overrides CURATION_ALLOW_PRIVATE_URLS. */
  allowPrivate?: boolean;
}

export type FetchRemoteListResult = { ok: true; changed: boolean } | { ok: false; error: string };

/** Why a fetch failed, in words a curator can act on. */
class FetchFailure extends Error {}

export function allowPrivateUrls(): boolean {
  return /^(1|true|yes)$/i.test(process.env.CURATION_ALLOW_PRIVATE_URLS?.trim() ?? "");
}

export async function fetchRemoteList(db: Db, url: string, options: FetchRemoteListOptions = {}): Promise<FetchRemoteListResult> {
  const allowPrivate = options.allowPrivate ?? allowPrivateUrls();
  const existing = await db.remoteList.findUnique({ where: { url } });
  const now = () => new Date();
  try {
    checkUrl(url, allowPrivate);
    const response = await fetchWithLimits(url, {
      allowPrivate,
      timeoutMs: options.timeoutMs ?? REMOTE_LIST_TIMEOUT_MS,
      maxBytes: options.maxBytes ?? REMOTE_LIST_MAX_BYTES,
      etag: existing?.body != null ? existing.etag : null,
      lastModified: existing?.body != null ? existing.lastModified : null,
    });
    if (response.notModified) {
      await db.remoteList.update({ where: { url }, data: { fetchedAt: now(), lastAttemptAt: now(), fetchError: null } });
      return { ok: true, changed: false };
    }
    const parsed = parseFilterList(response.body);
    if (parsed.errors.length > 0) {
      const shown = parsed.errors.slice(0, 3).map((e) => `line ${e.line}: ${e.message}`);
      throw new FetchFailure(
        `the list does not parse (${parsed.errors.length} error${parsed.errors.length === 1 ? "" : "s"}): ${shown.join("; ")}${parsed.errors.length > 3 ? "; …" : ""}`,
      );
    }
    const expires = parsed.header.expiresMinutes;
    const data = {
      body: response.body,
      title: parsed.header.title,
      etag: response.etag,
      lastModified: response.lastModified,
      refreshMinutes:
        expires === null ? REMOTE_LIST_DEFAULT_REFRESH_MINUTES : Math.min(MAX_REFRESH_MINUTES, Math.max(MIN_REFRESH_MINUTES, expires)),
      fetchedAt: now(),
      lastAttemptAt: now(),
      fetchError: null,
    };
    await db.remoteList.upsert({ where: { url }, create: { url, ...data }, update: data });
    return { ok: true, changed: existing?.body !== response.body };
  } catch (error) {
    if (!(error instanceof FetchFailure)) throw error;
    // A URL that never fetched is not stored: nothing refers to it yet.
    if (existing) await db.remoteList.update({ where: { url }, data: { lastAttemptAt: now(), fetchError: error.message } });
    return { ok: false, error: error.message };
  }
}

function checkUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchFailure(`"${raw.slice(0, 200)}" is not a URL`);
  }
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) throw new FetchFailure("only https:// URLs can be fetched");
  if (url.username || url.password) throw new FetchFailure("a URL with a user name or password cannot be fetched");
  return url;
}

interface Fetched {
  notModified: boolean;
  body: string;
  etag: string | null;
  lastModified: string | null;
}

async function fetchWithLimits(
  start: string,
  limits: { allowPrivate: boolean; timeoutMs: number; maxBytes: number; etag: string | null; lastModified: string | null },
): Promise<Fetched> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    let current = start;
    for (let redirects = 0; ; redirects++) {
      const url = checkUrl(current, limits.allowPrivate);
      const address = await resolvePublic(url.hostname, limits.allowPrivate);
      const result = await requestOnce(url, address, limits, controller.signal);
      if (result.kind === "redirect") {
        if (redirects >= REMOTE_LIST_MAX_REDIRECTS) throw new FetchFailure(`more than ${REMOTE_LIST_MAX_REDIRECTS} redirects`);
        current = new URL(result.location, url).toString();
        continue;
      }
      return result.fetched;
    }
  } catch (error) {
    if (controller.signal.aborted) throw new FetchFailure(`no complete answer within ${Math.round(limits.timeoutMs / 100) / 10} s`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves `host` and returns an address to connect to, refusing non-public ones (all answers are checked). */
async function resolvePublic(host: string, allowPrivate: boolean): Promise<{ address: string; family: 4 | 6 }> {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  let answers: { address: string; family: number }[];
  try {
    answers = net.isIP(bare) ? [{ address: bare, family: net.isIP(bare) }] : await dnsLookup(bare, { all: true, verbatim: true });
  } catch (error) {
    throw new FetchFailure(`the host ${bare} could not be resolved (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (answers.length === 0) throw new FetchFailure(`the host ${bare} has no address`);
  if (!allowPrivate) {
    const refused = answers.find((a) => !isPublicAddress(a.address));
    if (refused) throw new FetchFailure(`the host ${bare} resolves to ${refused.address}, which is not a public address`);
  }
  const first = answers[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(prefix, bits, "ipv4");
}
for (const [prefix, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
  ["2001:db8::", 32],
] as const) {
  blocked.addSubnet(prefix, bits, "ipv6");
}

/** False for loopback, private, link-local, CGNAT, unspecified, multicast and reserved addresses, IPv4-mapped ones too. */
export function isPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return !blocked.check(address, "ipv4");
  if (family !== 6) return false;
  const lower = address.toLowerCase();
  const mapped = mappedIpv4(lower);
  if (mapped) return !blocked.check(mapped, "ipv4");
  return !blocked.check(lower, "ipv6");
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d) IPv6 address. */
function mappedIpv4(address: string): string | null {
  const dotted = /^(?:0{0,4}:){0,5}(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/.exec(address.replace(/^::/, "0:"));
  if (dotted && net.isIPv4(dotted[1]!)) return dotted[1]!;
  const hex = /^::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
  if (hex) {
    const high = parseInt(hex[1]!, 16);
    const low = parseInt(hex[2]!, 16);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return null;
}

type Once = { kind: "redirect"; location: string } | { kind: "done"; fetched: Fetched };

function requestOnce(
  url: URL,
  target: { address: string; family: 4 | 6 },
  limits: { maxBytes: number; etag: string | null; lastModified: string | null },
  signal: AbortSignal,
): Promise<Once> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "user-agent": "cratelist (filter list fetcher)", accept: "text/plain, */*;q=0.1" };
    if (limits.etag) headers["if-none-match"] = limits.etag;
    if (limits.lastModified) headers["if-modified-since"] = limits.lastModified;
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(
      url,
      {
        method: "GET",
        headers,
        signal,
        // Connect to the address checked above, whatever DNS answers now. TLS
        // still checks the certificate against the URL's host name.
        lookup: ((_host: string, opts: { all?: boolean }, callback: (...args: unknown[]) => void) => {
          if (opts?.all) callback(null, [{ address: target.address, family: target.family }]);
          else callback(null, target.address, target.family);
        }) as unknown as net.LookupFunction,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && status !== 304) {
          res.resume();
          const location = res.headers.location;
          if (!location) return reject(new FetchFailure(`HTTP ${status} without a Location`));
          return resolve({ kind: "redirect", location });
        }
        const header = (name: string) => {
          const value = res.headers[name];
          return typeof value === "string" ? value : null;
        };
        if (status === 304) {
          res.resume();
          return resolve({ kind: "done", fetched: { notModified: true, body: "", etag: header("etag"), lastModified: header("last-modified") } });
        }
        if (status !== 200) {
          res.resume();
          return reject(new FetchFailure(`the server answered HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ""}`));
        }
        const declared = Number(res.headers["content-length"]);
        if (Number.isFinite(declared) && declared > limits.maxBytes) {
          req.destroy();
          return reject(new FetchFailure(`the list is larger than ${formatBytes(limits.maxBytes)}`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBytes) {
            req.destroy();
            reject(new FetchFailure(`the list is larger than ${formatBytes(limits.maxBytes)}`));
            return;
          }
          chunks.push(chunk);
        });
        res.on("error", reject);
        res.on("aborted", () => reject(new FetchFailure("the connection closed before the list was complete")));
        res.on("end", () => {
          if (size > limits.maxBytes) return;
          let body: string;
          try {
            body = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
          } catch {
            return reject(new FetchFailure("the list is not UTF-8 text"));
          }
          resolve({ kind: "done", fetched: { notModified: false, body: body.replace(/^\uFEFF/, ""), etag: header("etag"), lastModified: header("last-modified") } });
        });
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (signal.aborted) return reject(error);
      reject(new FetchFailure(`the request failed (${error.code ?? error.message})`));
    });
    req.end();
  });
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}
