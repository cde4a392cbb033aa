import { describe, expect, it } from "vitest";
import { checkDumpHeader, DUMP_TABLES, parseDumpRow, parsePgArray, parsePgTimestamp } from "./dump-rows";
import { IngestError } from "./ingest-error";

describe("parsePgArray", () => {
  it.each([
    ["{}", []],
    ["{a}", ["a"]],
    ["{std,alloc}", ["std", "alloc"]],
    ['{"c d",e}', ["c d", "e"]],
    ['{"say \\"hi\\"","back\\\\slash"}', ['say "hi"', "back\\slash"]],
    ['{"a,b","{x}",""}', ["a,b", "{x}", ""]],
    ["{NULL,null,\"NULL\"}", [null, null, "NULL"]],
    ["{ a , b }", ["a", "b"]],
    ["{dep:serde,serde?/std}", ["dep:serde", "serde?/std"]],
    ["{a\\,b}", ["a,b"]],
  ])("%s", (literal, expected) => {
    expect(parsePgArray(literal)).toEqual(expected);
  });

  it.each(["", "a,b", "{a", "{a,,b}", '{"open}', "{{a},{b}}", '{a"b}', "{a,}"])("rejects %j", (literal) => {
    expect(() => parsePgArray(literal)).toThrow();
  });
});

describe("parsePgTimestamp", () => {
  it("reads Postgres text with and without fractions and zones as UTC", () => {
    expect(parsePgTimestamp("2017-01-17 23:17:36.218549")).toEqual(new Date("2017-01-17T23:17:36.218Z"));
    expect(parsePgTimestamp("2017-01-17 23:17:36")).toEqual(new Date("2017-01-17T23:17:36Z"));
    expect(parsePgTimestamp("2017-01-17 23:17:36.5")).toEqual(new Date("2017-01-17T23:17:36.500Z"));
    expect(parsePgTimestamp("2017-01-17 23:17:36+00")).toEqual(new Date("2017-01-17T23:17:36Z"));
    expect(parsePgTimestamp("2017-01-17 23:17:36.1+05:30")).toEqual(new Date("2017-01-17T17:47:36.100Z"));
    expect(parsePgTimestamp("2024-02-29T00:00:00Z")).toEqual(new Date("2024-02-29T00:00:00Z"));
  });

  it.each(["", "2017-01-17", "2023-02-29 00:00:00", "2017-13-01 00:00:00", "2017-01-17 24:00:00", "infinity", "17/01/2017 10:00"])(
    "rejects %j",
    (text) => expect(parsePgTimestamp(text)).toBeNull(),
  );
});

describe("parseDumpRow", () => {
  const file = "data/versions.csv";
  const version = {
    id: "81",
    crate_id: "7",
    num: "1.0.0+build.1",
    num_no_build: "1.0.0",
    updated_at: "2017-01-17 23:17:36.218549",
    created_at: "2017-01-17 23:17:36",
    downloads: "123456789012",
    features: '{"default":["std"],"std":[]}',
    yanked: "f",
    license: "",
    crate_size: "",
    published_by: "12",
    checksum: "d1bb2d9926b9bd18e51fc8edd663e311ff3b1fb96c9d4689854f8686f7c6c216",
    links: "",
    rust_version: "1.63",
    has_lib: "t",
    bin_names: '{cargo-foo,"with space"}',
    edition: "2021",
    description: "",
    homepage: "",
    documentation: "",
    repository: "https://github.com/x/y",
    categories: "{}",
    keywords: "{serde,serialization}",
    some_future_column: "whatever",
  };

  it("types every column of a current versions row", () => {
    expect(parseDumpRow("versions", version, file, 2)).toEqual({
      id: 81,
      crate_id: 7,
      num: "1.0.0+build.1",
      num_no_build: "1.0.0",
      updated_at: new Date("2017-01-17T23:17:36.218Z"),
      created_at: new Date("2017-01-17T23:17:36Z"),
      downloads: 123456789012,
      features: { default: ["std"], std: [] },
      yanked: false,
      license: null,
      crate_size: null,
      published_by: 12,
      checksum: "d1bb2d9926b9bd18e51fc8edd663e311ff3b1fb96c9d4689854f8686f7c6c216",
      links: null,
      rust_version: "1.63",
      has_lib: true,
      bin_names: ["cargo-foo", "with space"],
      edition: "2021",
      description: null,
      homepage: null,
      documentation: null,
      repository: "https://github.com/x/y",
      categories: [],
      keywords: ["serde", "serialization"],
    });
  });

  it("fills the columns older dumps lack", () => {
    const old = {
      id: "1", crate_id: "1", num: "0.1.0+meta", updated_at: "2015-01-01 00:00:00", created_at: "2015-01-01 00:00:00",
      downloads: "5", features: "{}", yanked: "t", license: "MIT", crate_size: "", published_by: "", checksum: "", links: "", rust_version: "",
    };
    expect(parseDumpRow("versions", old, file, 2)).toMatchObject({
      num_no_build: "0.1.0",
      checksum: null,
      has_lib: null,
      bin_names: null,
      edition: null,
      categories: [],
      keywords: [],
    });
    const crate = { id: "1", name: "serde", updated_at: "2015-01-01 00:00:00", created_at: "2015-01-01 00:00:00", downloads: "42", description: "" };
    expect(parseDumpRow("crates", crate, "data/crates.csv", 2)).toMatchObject({ downloads: 42, max_features: null, description: null, readme: null });
  });

  it("maps dependency kinds and owner kinds, and reads an empty target as null", () => {
    const dep = { id: "1", version_id: "2", crate_id: "3", req: "^1.0", optional: "t", default_features: "f", features: '{derive,"a b"}', target: "", kind: "1", explicit_name: "" };
    expect(parseDumpRow("dependencies", dep, "data/dependencies.csv", 2)).toEqual({
      id: 1, version_id: 2, crate_id: 3, req: "^1.0", optional: true, default_features: false, features: ["derive", "a b"], target: null, kind: "build", explicit_name: null,
    });
    expect(parseDumpRow("dependencies", { ...dep, kind: "2", target: 'cfg(target_os = "linux")', explicit_name: "futures_01" }, "f", 2)).toMatchObject({
      kind: "dev",
      target: 'cfg(target_os = "linux")',
      explicit_name: "futures_01",
    });
    expect(parseDumpRow("dependencies", { ...dep, kind: "0" }, "f", 2).kind).toBe("normal");
    const owner = { crate_id: "1", owner_id: "2", owner_kind: "1", created_at: "2020-01-01 00:00:00", created_by: "" };
    expect(parseDumpRow("crate_owners", owner, "f", 2)).toEqual({ crate_id: 1, owner_id: 2, owner_kind: "team", created_at: new Date("2020-01-01T00:00:00Z"), created_by: null });
    expect(parseDumpRow("version_downloads", { version_id: "1", downloads: "10", date: "2026-11-30" }, "f", 2).date).toEqual(new Date("2026-11-30T00:00:00Z"));
  });

  it.each([
    ["crate_downloads", { crate_id: "1", downloads: "12x" }, /^downloads: expected an integer \(got "12x"\)$/],
    ["crate_downloads", { crate_id: "", downloads: "1" }, /^crate_id: expected an integer/],
    ["crate_downloads", { crate_id: "1", downloads: "99999999999999999999" }, /integer out of range/],
    ["dependencies", { id: "1", version_id: "2", crate_id: "3", req: "*", optional: "true", default_features: "t", features: "{}", target: "", kind: "0" }, /^optional: expected t or f/],
    ["dependencies", { id: "1", version_id: "2", crate_id: "3", req: "*", optional: "t", default_features: "t", features: "{}", target: "", kind: "3" }, /^kind: expected 0 \(normal\), 1 \(build\) or 2 \(dev\)/],
    ["dependencies", { id: "1", version_id: "2", crate_id: "3", req: "*", optional: "t", default_features: "t", features: "{a,NULL}", target: "", kind: "0" }, /^features: array has a NULL element/],
    ["version_downloads", { version_id: "1", downloads: "1", date: "2026-02-30" }, /^date: expected a YYYY-MM-DD date/],
    ["keywords", { id: "1", keyword: "", crates_cnt: "1", created_at: "2020-01-01 00:00:00" }, /^keyword: must not be empty/],
    ["crate_owners", { crate_id: "1", owner_id: "2", owner_kind: "7" }, /^owner_kind: expected 0 \(user\) or 1 \(team\)/],
    ["teams", { id: "1", login: "github:a:b", created_at: "yesterday" }, null],
  ] as const)("reports %s %j", (table, fields, message) => {
    if (message === null) {
      expect(() => parseDumpRow(table, fields as Record<string, string>, "f", 9)).not.toThrow();
      return;
    }
    try {
      parseDumpRow(table, fields as Record<string, string>, `data/${table}.csv`, 9);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(IngestError);
      expect(error).toMatchObject({ file: `data/${table}.csv`, line: 9 });
      expect((error as IngestError).detail).toMatch(message);
    }
  });

  it("reports bad JSON features with the feature's path", () => {
    expect(() => parseDumpRow("versions", { ...version, features: "{oops" }, file, 4)).toThrow(/^data\/versions\.csv:4: features: expected JSON/);
    expect(() => parseDumpRow("versions", { ...version, features: '{"std":[1]}' }, file, 4)).toThrow(/features\.std\[0\]/);
  });
});

describe("checkDumpHeader", () => {
  it("accepts extra columns and any order", () => {
    expect(() => checkDumpHeader("crate_downloads", ["downloads", "crate_id", "extra"], "data/crate_downloads.csv")).not.toThrow();
  });

  it("names every missing required column on line 1", () => {
    try {
      checkDumpHeader("dependencies", ["id", "version_id", "req"], "data/dependencies.csv");
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ file: "data/dependencies.csv", line: 1 });
      expect((error as Error).message).toBe(
        'data/dependencies.csv:1: header lacks required column(s) "crate_id", "optional", "default_features", "features", "target", "kind"',
      );
    }
  });

  it("rejects a repeated column", () => {
    expect(() => checkDumpHeader("metadata", ["total_downloads", "total_downloads"], "data/metadata.csv")).toThrow(/appears twice/);
  });

  it("knows all fifteen public tables", () => {
    expect(DUMP_TABLES).toHaveLength(15);
  });
});
