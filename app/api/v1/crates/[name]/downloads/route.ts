import type { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { decodeParam } from "@/lib/http/decode-param";
import { internalError } from "@/lib/http/internal-error";
import { jsonError } from "@/lib/http/json-error";
import { getCrate } from "@/lib/registry/get-crate";
import { getCrateDownloads } from "@/lib/usage/get-crate-downloads";

export const dynamic = "force-dynamic";

/**
 * A crate's daily downloads over the registry's last 90 days (the series the
 * crate page charts): per day in total, the trailing 7-day average, and the
 * top versions with the rest summed as "other".
 */
export async function GET(_request: NextRequest, context: { params: Promise<{ name: string }> }): Promise<Response> {
  const name = decodeParam((await context.params).name);
  try {
    const db = getDb();
    const crate = await getCrate(db, name);
    if (!crate) return jsonError(404, `crate \`${name}\` not found`);
    const downloads = await getCrateDownloads(db, crate.id);
    if (!downloads) return jsonError(404, `crate \`${name}\` not found`);
    return Response.json({
      name: crate.name,
      all_time: downloads.allTime,
      sum_90: downloads.sum90,
      days: downloads.days,
      total: downloads.total,
      average_7: downloads.average7,
      versions: downloads.versions.map((v) => ({ num: v.num, sum: v.sum, daily: v.daily })),
    });
  } catch (error) {
    return internalError({ route: "GET /api/v1/crates/[name]/downloads", name }, error);
  }
}
