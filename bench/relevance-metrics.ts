import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

// The relevance query set (bench/relevance-queries.json) and how a ranking
// is scored against it: hit@1, hit@3 and the reciprocal rank of the first
// acceptable crate within the top 10 (0 when none is there).

export const QUERY_KINDS = ["concept", "name", "typo", "prefix"] as const;

const querySchema = z.object({
  q: z.string().min(1),
  /** Acceptable crates, best first. */
  expect: z.array(z.string().min(1)).min(1),
  kind: z.enum(QUERY_KINDS),
});
export type RelevanceQuery = z.infer<typeof querySchema>;

export const RELEVANCE_QUERIES_FILE = path.resolve(import.meta.dirname, "relevance-queries.json");

/** Ranks past this one count as misses (reciprocal rank 0). */
export const RANK_DEPTH = 10;

export async function loadRelevanceQueries(file = RELEVANCE_QUERIES_FILE): Promise<RelevanceQuery[]> {
  return z.array(querySchema).min(1).parse(JSON.parse(await readFile(file, "utf8")));
}

export interface QueryScore {
  query: RelevanceQuery;
  /** 1-based rank of the first acceptable crate in the top RANK_DEPTH, or null. */
  rank: number | null;
  /** The names returned, best first (at most RANK_DEPTH). */
  returned: string[];
  ms: number;
}

export function firstAcceptableRank(returned: readonly string[], expect: readonly string[]): number | null {
  const acceptable = new Set(expect.map((name) => name.toLowerCase()));
  const at = returned.slice(0, RANK_DEPTH).findIndex((name) => acceptable.has(name.toLowerCase()));
  return at === -1 ? null : at + 1;
}

export interface RelevanceSummary {
  queries: number;
  hit1: number;
  hit3: number;
  mrr: number;
}

export function summarize(scores: readonly QueryScore[]): RelevanceSummary {
  const n = scores.length;
  const share = (count: number) => (n === 0 ? 0 : round(count / n));
  return {
    queries: n,
    hit1: share(scores.filter((s) => s.rank === 1).length),
    hit3: share(scores.filter((s) => s.rank !== null && s.rank <= 3).length),
    mrr: n === 0 ? 0 : round(scores.reduce((sum, s) => sum + (s.rank ? 1 / s.rank : 0), 0) / n),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
