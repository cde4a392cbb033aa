import { semverSortKey } from "../registry/semver-sort-key";
import type { BatchInserter } from "./batch-inserter";
import type { DumpRow, DumpTable } from "./dump-rows";
import type { StagingTable } from "./staging-tables";

export type DumpStagers = Record<Exclude<StagingTable, "st_index_version" | "st_index_dep" | "st_index_file">, BatchInserter<object>>;

// Maps one validated dump row onto its staging table. Tables the site does not
// use (default_versions: we choose our own default; metadata; reserved names)
// are read and validated but not staged.
export async function stageDumpRow(stagers: DumpStagers, table: DumpTable, row: DumpRow<DumpTable>, line: number): Promise<void> {
  switch (table) {
    case "crates": {
      const r = row as DumpRow<"crates">;
      return stagers.st_crate.add({
        line,
        dump_id: r.id,
        name: r.name,
        description: r.description,
        homepage: r.homepage,
        documentation: r.documentation,
        repository: r.repository,
        readme: r.readme,
        created_at: r.created_at,
        updated_at: r.updated_at,
        downloads: r.downloads,
      });
    }
    case "crate_downloads": {
      const r = row as DumpRow<"crate_downloads">;
      return stagers.st_crate_download.add({ line, crate_dump_id: r.crate_id, downloads: r.downloads });
    }
    case "versions": {
      const r = row as DumpRow<"versions">;
      const sort = semverSortKey(r.num);
      return stagers.st_dump_version.add({
        line,
        dump_id: r.id,
        crate_dump_id: r.crate_id,
        num: r.num,
        sort_key: sort.key,
        prerelease: sort.prerelease,
        created_at: r.created_at,
        updated_at: r.updated_at,
        downloads: r.downloads,
        features: r.features,
        yanked: r.yanked,
        license: r.license,
        crate_size: r.crate_size,
        published_by: r.published_by,
        checksum: r.checksum ?? "",
        links: r.links,
        rust_version: r.rust_version,
        edition: r.edition,
      });
    }
    case "dependencies": {
      const r = row as DumpRow<"dependencies">;
      return stagers.st_dump_dep.add({
        line,
        version_dump_id: r.version_id,
        crate_dump_id: r.crate_id,
        req: r.req,
        optional: r.optional,
        default_features: r.default_features,
        features: r.features,
        target: r.target,
        kind: r.kind,
        explicit_name: r.explicit_name,
      });
    }
    case "version_downloads": {
      const r = row as DumpRow<"version_downloads">;
      return stagers.st_version_download.add({ line, version_dump_id: r.version_id, date: r.date.toISOString().slice(0, 10), downloads: r.downloads });
    }
    case "categories": {
      const r = row as DumpRow<"categories">;
      return stagers.st_category.add({ line, dump_id: r.id, slug: r.slug, name: r.category, description: r.description });
    }
    case "crates_categories": {
      const r = row as DumpRow<"crates_categories">;
      return stagers.st_crate_category.add({ line, crate_dump_id: r.crate_id, category_dump_id: r.category_id });
    }
    case "keywords": {
      const r = row as DumpRow<"keywords">;
      return stagers.st_keyword.add({ line, dump_id: r.id, keyword: r.keyword });
    }
    case "crates_keywords": {
      const r = row as DumpRow<"crates_keywords">;
      return stagers.st_crate_keyword.add({ line, crate_dump_id: r.crate_id, keyword_dump_id: r.keyword_id });
    }
    case "users": {
      const r = row as DumpRow<"users">;
      return stagers.st_user.add({ line, id: r.id, login: r.gh_login, name: r.name, avatar: r.gh_avatar, github_id: r.gh_id });
    }
    case "teams": {
      const r = row as DumpRow<"teams">;
      return stagers.st_team.add({ line, id: r.id, login: r.login, name: r.name, avatar: r.avatar, github_id: r.github_id, org_id: r.org_id });
    }
    case "crate_owners": {
      const r = row as DumpRow<"crate_owners">;
      return stagers.st_owner.add({
        line,
        crate_dump_id: r.crate_id,
        owner_id: r.owner_id,
        owner_kind: r.owner_kind === "user" ? 0 : 1,
        created_at: r.created_at,
      });
    }
    case "default_versions":
    case "metadata":
    case "reserved_crate_names":
      return;
  }
}
