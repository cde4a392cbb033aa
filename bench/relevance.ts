import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { createPostgresSearchBackend } from "../lib/search/postgres-search-backend";
import type { SearchBackend } from "../lib/search/search-backend";
import { loadBenchDatabase } from "./load-bench-database";
import { firstAcceptableRank, loadRelevanceQueries, QUERY_KINDS, RANK_DEPTH, summarize, type QueryScore, type RelevanceQuery } from "./relevance-metrics";

// `npm run bench:relevance -- [--synthetic 0.1 | --full] [--backend postgres|meilisearch] [--fresh] [--seed 1]`:
// the relevance query set (bench/relevance-queries.json) against the real
// fixture crates, alone or beside a synthetic registry, through each search
// backend. Prints the misses, then one JSON line per backend (PostgreSQL's
// last). See bench/README.md.

const { values: args } = parseArgs({
  options: {
    synthetic: { type: "string" },
    full: { type: "boolean", default: false },
    backend: { type: "string" },
    fresh: { type: "boolean", default: false },
    seed: { type: "string", default: "1" },
  },
});
const scale = args.full ? 1 : args.synthetic === undefined ? 0 : Number(args.synthetic);
if (!(scale >= 0 && scale <= 4)) throw new Error(`--synthetic must be a scale in (0, 4], got ${args.synthetic}`);
if (args.backend !== undefined && args.backend !== "postgres" && args.backend !== "meilisearch") {
  throw new Error(`--backend must be postgres or meilisearch, got ${args.backend}`);
}
const root = path.resolve(import.meta.dirname, "..");
const log = (m: string) => console.log(`[relevance] ${m}`);

const queries = await loadRelevanceQueries();
const bench = await loadBenchDatabase({ scale, seed: Number(args.seed), fresh: args.fresh, log });
await checkExpectedCratesExist(bench.url, queries);

const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: bench.url, max: 4 }) });
const lines: string[] = [];
try {
  const backends: SearchBackend[] = [];
  const meili = await meilisearchBackend(db, bench.database);
  if (meili) backends.push(meili);
  backends.push(createPostgresSearchBackend(db));
  for (const backend of backends) {
    const scores = await runQueries(backend, queries);
    report(backend.name, scores);
    lines.push(JSON.stringify({ backend: backend.name, scale, ...summarize(scores) }));
  }
} finally {
  await db.$disconnect();
}
console.log("");
for (const line of lines) console.log(line);

async function runQueries(backend: SearchBackend, set: RelevanceQuery[]): Promise<QueryScore[]> {
  // One untimed pass first: caches and the first connection are not what is measured here.
  await backend.search({ q: set[0]!.q, page: 1, perPage: RANK_DEPTH, sort: "relevance", filters: {}, facets: false });
  const scores: QueryScore[] = [];
  for (const query of set) {
    const started = performance.now();
    const response = await backend.search({ q: query.q, page: 1, perPage: RANK_DEPTH, sort: "relevance", filters: {}, facets: false });
    const ms = performance.now() - started;
    if (response.degraded) throw new Error(`${backend.name} answered "${query.q}" degraded (from its fallback)`);
    const returned = response.results.map((hit) => hit.name);
    scores.push({ query, rank: firstAcceptableRank(returned, query.expect), returned, ms });
  }
  return scores;
}

function report(backend: string, scores: QueryScore[]): void {
  const total = summarize(scores);
  const avgMs = scores.reduce((sum, s) => sum + s.ms, 0) / scores.length;
  console.log("");
  console.log(`== ${backend}, ${scale === 0 ? "fixture crates only" : `fixture crates + synthetic registry at scale ${scale}`} (${bench.crates} crates)`);
  console.log(`hit@1 ${total.hit1}, hit@3 ${total.hit3}, MRR ${total.mrr} over ${total.queries} queries (${avgMs.toFixed(1)} ms per query, one at a time)`);
  for (const kind of QUERY_KINDS) {
    const of = summarize(scores.filter((s) => s.query.kind === kind));
    if (of.queries > 0) console.log(`  ${kind.padEnd(8)} ${String(of.queries).padStart(3)} queries  hit@1 ${of.hit1}  hit@3 ${of.hit3}  MRR ${of.mrr}`);
  }
  const misses = scores.filter((s) => s.rank === null || s.rank > 3);
  const near = scores.filter((s) => s.rank === 2 || s.rank === 3);
  console.log("");
  console.log(misses.length === 0 ? "No misses at hit@3." : `Misses at hit@3 (${misses.length}):`);
  if (misses.length > 0) {
    const rows = misses.map((s) => [s.query.kind, JSON.stringify(s.query.q), s.query.expect.join(" | "), s.rank === null ? `>${RANK_DEPTH}` : String(s.rank), s.returned.slice(0, 5).join(", ")]);
    printTable(["kind", "query", "expected", "rank", "top 5 returned"], rows);
  }
  if (near.length > 0) {
    console.log("");
    console.log(`Hits at rank 2-3 (${near.length}):`);
    printTable(
      ["kind", "query", "expected", "rank", "ranked above"],
      near.map((s) => [s.query.kind, JSON.stringify(s.query.q), s.query.expect.join(" | "), String(s.rank), s.returned.slice(0, s.rank! - 1).join(", ")]),
    );
  }
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  console.log(`  ${line(header)}`);
  for (const row of rows) console.log(`  ${line(row)}`);
}

/** Every crate the query set expects must be in the database (the set is about real fixture crates). */
async function checkExpectedCratesExist(url: string, set: RelevanceQuery[]): Promise<void> {
  const names = [...new Set(set.flatMap((q) => q.expect))];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(`SELECT name FROM crates WHERE removed_at IS NULL AND name = ANY($1::text[])`, [names]);
    const found = new Set(rows.map((r) => r.name));
    const missing = names.filter((n) => !found.has(n));
    if (missing.length > 0) throw new Error(`bench/relevance-queries.json expects crates the fixtures do not have: ${missing.join(", ")}`);
  } finally {
    await client.end();
  }
}

/**
 * The Meilisearch backend on an index rebuilt from the bench database, when
 * MEILI_URL is set (or --backend meilisearch asks for it) and the adapter
 * exists; else null, saying why. The index is `bench_<database>`, never the
 * site's own.
 */
async function meilisearchBackend(prisma: PrismaClient, database: string): Promise<SearchBackend | null> {
  const wanted = args.backend === "meilisearch" || (args.backend === undefined && Boolean(process.env.MEILI_URL));
  if (!wanted) return null;
  const url = process.env.MEILI_URL;
  if (!url) {
    log("meilisearch skipped: MEILI_URL is not set");
    return null;
  }
  const dir = path.join(root, "lib/search/meilisearch");
  if (!existsSync(path.join(dir, "rebuild-search-index.ts")) || !existsSync(path.join(dir, "meilisearch-search-backend.ts"))) {
    log("meilisearch skipped: the adapter (lib/search/meilisearch/) is not there yet");
    return null;
  }
  const { createMeilisearchClient } = await import("../lib/search/meilisearch/create-meilisearch-client");
  const { rebuildSearchIndex } = await import("../lib/search/meilisearch/rebuild-search-index");
  const { createMeilisearchBackend } = await import("../lib/search/meilisearch/meilisearch-search-backend");
  const { lookupCategoryNames } = await import("../lib/search/meilisearch/lookup-category-names");
  const connection = { url, apiKey: process.env.MEILI_API_KEY, timeoutMs: 30_000 };
  const indexUid = `bench_${database}`;
  log(`meilisearch: rebuilding index ${indexUid} on ${url} from ${database}`);
  const started = performance.now();
  const rebuilt = await rebuildSearchIndex(prisma, createMeilisearchClient(connection), { indexUid, log: (m) => log(`  ${m}`) });
  log(`meilisearch: ${rebuilt.documents} documents in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return createMeilisearchBackend({ ...connection, indexUid, categoryNames: lookupCategoryNames(prisma) });
}
