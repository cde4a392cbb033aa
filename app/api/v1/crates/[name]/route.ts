import type { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { decodeParam } from "@/lib/http/decode-param";
import { internalError } from "@/lib/http/internal-error";
import { jsonError } from "@/lib/http/json-error";
import { getCrate } from "@/lib/registry/get-crate";
import { listDependencies } from "@/lib/registry/list-dependencies";
import { listVersions } from "@/lib/registry/list-versions";

export const dynamic = "force-dynamic";

export async function GET(_request: NextRequest, context: { params: Promise<{ name: string }> }): Promise<Response> {
  const name = decodeParam((await context.params).name);
  try {
    const db = getDb();
    const crate = await getCrate(db, name);
    if (!crate) return jsonError(404, `crate \`${name}\` not found`);

    const version = crate.defaultVersion;
    const [versions, dependencies] = await Promise.all([
      listVersions(db, crate.id),
      version ? listDependencies(db, version.id) : null,
    ]);
    const deps = dependencies
      ? (["normal", "build", "dev"] as const).flatMap((kind) => dependencies[kind].map((d) => ({ ...d, kind })))
      : [];

    return Response.json({
      name: crate.name,
      description: crate.description,
      max_version: crate.maxVersion,
      default_version: version?.num ?? null,
      downloads: crate.downloads,
      recent_downloads: crate.recentDownloads,
      reverse_dependencies: crate.reverseDependencyCount,
      license: version?.license ?? null,
      repository: crate.repository,
      documentation: crate.documentation,
      homepage: crate.homepage,
      rust_version: version?.rustVersion ?? null,
      categories: crate.categories.map((c) => c.slug),
      keywords: crate.keywords,
      created_at: crate.createdAt?.toISOString() ?? null,
      updated_at: crate.updatedAt?.toISOString() ?? null,
      removed_at: crate.removedAt?.toISOString() ?? null,
      versions: versions.map((v) => ({
        num: v.num,
        yanked: v.yanked,
        published_at: v.publishedAt?.toISOString() ?? null,
        license: v.license,
        rust_version: v.rustVersion,
      })),
      dependencies: deps.map((d) => ({
        name: d.crateName,
        req: d.req,
        kind: d.kind,
        optional: d.optional,
        target: d.target,
        explicit_name: d.explicitName,
      })),
    });
  } catch (error) {
    return internalError({ route: "GET /api/v1/crates/[name]", name }, error);
  }
}
