import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IngestError } from "./ingest-error";
import { parseIndexLine } from "./parse-index-line";

const INDEX = new URL("../../fixtures/crates-io-index/", import.meta.url);

function fixtureLine(file: string, line: number): string {
  return readFileSync(new URL(file, INDEX), "utf8").split("\n")[line - 1]!;
}

const minimal = {
  name: "demo",
  vers: "1.0.0",
  deps: [],
  cksum: "d1bb2d9926b9bd18e51fc8edd663e311ff3b1fb96c9d4689854f8686f7c6c216",
  features: {},
  yanked: false,
};

function errorOf(fn: () => unknown): IngestError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(IngestError);
    return error as IngestError;
  }
  throw new Error("expected an IngestError");
}

describe("parseIndexLine on real lines", () => {
  it("reads the first serde line", () => {
    const version = parseIndexLine(fixtureLine("se/rd/serde", 1), "se/rd/serde", 1);
    expect(version).toEqual({
      name: "serde",
      vers: "0.0.0",
      deps: [],
      cksum: "d1bb2d9926b9bd18e51fc8edd663e311ff3b1fb96c9d4689854f8686f7c6c216",
      features: {},
      yanked: false,
      links: null,
      rustVersion: null,
      pubtime: null,
      v: 1,
    });
  });

  it("reads serde 0.2.0's dependencies with their kinds", () => {
    const version = parseIndexLine(fixtureLine("se/rd/serde", 2), "se/rd/serde", 2);
    expect(version.vers).toBe("0.2.0");
    expect(version.deps).toEqual([
      { name: "rustc-serialize", explicitName: null, req: "*", optional: false, defaultFeatures: true, features: [], target: null, kind: "normal", registry: null },
      { name: "serde_macros", explicitName: null, req: "^0.2.0", optional: false, defaultFeatures: true, features: [], target: null, kind: "dev", registry: null },
    ]);
  });

  it("resolves a renamed dependency to the real crate (futures_01 -> futures)", () => {
    const version = parseIndexLine(fixtureLine("fu/tu/futures-util", 1), "fu/tu/futures-util", 1);
    expect(version.vers).toBe("0.3.25");
    const renamed = version.deps.filter((dep) => dep.explicitName !== null);
    expect(renamed).toEqual([
      { name: "futures", explicitName: "futures_01", req: "^0.1.25", optional: true, defaultFeatures: true, features: [], target: null, kind: "normal", registry: null },
    ]);
  });

  it("keeps cfg() targets with their quotes", () => {
    const version = parseIndexLine(fixtureLine("3/m/mio", 9), "3/m/mio", 9);
    expect(version.vers).toBe("0.8.1");
    const wasi = version.deps.filter((dep) => dep.target === 'cfg(target_os = "wasi")').map((dep) => dep.name);
    expect(wasi).toEqual(["libc", "wasi"]);
  });

  it("merges features2 into features and reads v, rust_version and pubtime", () => {
    const version = parseIndexLine(fixtureLine("3/l/log", 54), "3/l/log", 54);
    expect(version.vers).toBe("0.4.24");
    expect(version.v).toBe(2);
    expect(version.rustVersion).toBe("1.60.0");
    expect(version.pubtime).toEqual(new Date("2025-01-10T22:06:35Z"));
    expect(version.features["kv_sval"]).toEqual(["kv", "value-bag/sval", "sval", "sval_ref"]);
    expect(version.features["std"]).toEqual(["value-bag?/std"]);
    expect(version.features["kv_serde"]).toEqual(["kv_std", "value-bag/serde", "serde"]);
    expect(Object.keys(version.features)).toHaveLength(16 + 5);
  });

  it("reads links", () => {
    const version = parseIndexLine(fixtureLine("ri/ng/ring", 1), "ri/ng/ring", 1);
    expect(version).toMatchObject({ vers: "0.17.3", links: "ring_core_0_17_3" });
  });

  it("reads a u64::MAX version and the published case of the name", () => {
    expect(parseIndexLine(fixtureLine("l1/84/l18446744073709551615", 1), "x", 1).vers).toBe(
      "18446744073709551615.18446744073709551615.18446744073709551615",
    );
    const odd = parseIndexLine(fixtureLine("op/en/openapi_test_davidkim", 1), "x", 1);
    expect(odd).toMatchObject({ name: "openAPI_test_davidkim", yanked: true });
  });
});

describe("parseIndexLine defaults for old and sparse lines", () => {
  it("treats a missing or null kind as normal and drops empty feature strings", () => {
    const line = JSON.stringify({
      ...minimal,
      features: { default: [""], std: ["", "alloc"] },
      deps: [
        { name: "a", req: "*", features: [""], optional: false, default_features: true, target: null },
        { name: "b", req: "^1", features: [], optional: false, default_features: true, target: null, kind: null },
      ],
    });
    const version = parseIndexLine(line, "f", 1);
    expect(version.features).toEqual({ default: [], std: ["alloc"] });
    expect(version.deps.map((dep) => [dep.kind, dep.features])).toEqual([
      ["normal", []],
      ["normal", []],
    ]);
  });

  it("defaults optional, default_features, target, v and tolerates unknown fields", () => {
    const line = JSON.stringify({ ...minimal, deps: [{ name: "a", req: "*" }], surprise: { nested: true } });
    const version = parseIndexLine(line, "f", 1);
    expect(version.deps[0]).toEqual({
      name: "a",
      explicitName: null,
      req: "*",
      optional: false,
      defaultFeatures: true,
      features: [],
      target: null,
      kind: "normal",
      registry: null,
    });
    expect(version.v).toBe(1);
  });

  it("keeps a renamed dependency whose package equals its name as renamed", () => {
    const line = JSON.stringify({ ...minimal, deps: [{ name: "tower", req: "^0.4", package: "tower" }] });
    expect(parseIndexLine(line, "f", 1).deps[0]).toMatchObject({ name: "tower", explicitName: "tower" });
  });

  it("reads pubtime with a UTC offset or fractional seconds", () => {
    const at = (pubtime: string) => parseIndexLine(JSON.stringify({ ...minimal, pubtime }), "f", 1).pubtime;
    expect(at("2024-03-04T18:35:58+02:00")).toEqual(new Date("2024-03-04T16:35:58Z"));
    expect(at("2024-03-04T16:35:58.25Z")).toEqual(new Date("2024-03-04T16:35:58.250Z"));
    expect(at("2024-02-29T00:00:00Z")).toEqual(new Date("2024-02-29T00:00:00Z"));
  });

  it("unions a feature present in both maps", () => {
    const line = JSON.stringify({ ...minimal, features: { std: ["a"] }, features2: { std: ["a", "dep:b"] }, v: 2 });
    expect(parseIndexLine(line, "f", 1).features).toEqual({ std: ["a", "dep:b"] });
  });
});

describe("parseIndexLine errors", () => {
  it("reports invalid JSON with file and line", () => {
    const error = errorOf(() => parseIndexLine('{"name":"serde",', "se/rd/serde", 7));
    expect(error.file).toBe("se/rd/serde");
    expect(error.line).toBe(7);
    expect(error.message).toMatch(/^se\/rd\/serde:7: invalid JSON/);
  });

  it.each([
    [{ cksum: "D1BB2D9926B9BD18E51FC8EDD663E311FF3B1FB96C9D4689854F8686F7C6C216" }, /cksum: expected 64 lower-case hex/],
    [{ cksum: "abc" }, /cksum: .*"abc"/],
    [{ vers: "" }, /vers: /],
    [{ vers: undefined }, /vers: missing/],
    [{ name: "1password" }, /name: not a valid crate name \(got "1password"\)/],
    [{ deps: [{ name: "a", req: "*", kind: "runtime" }] }, /deps\[0\]\.kind: .*"runtime"/],
    [{ deps: [{ name: "a" }] }, /deps\[0\]\.req: missing/],
    [{ features: { std: [1] } }, /features\.std\[0\]/],
    [{ yanked: "no" }, /yanked: /],
    [{ pubtime: "2024-03-04 16:35:58" }, /pubtime: expected an RFC 3339 timestamp/],
    [{ pubtime: "2024-02-30T00:00:00Z" }, /pubtime: expected an RFC 3339 timestamp/],
    [{ v: 1.5 }, /v: /],
  ])("rejects %j", (patch, message) => {
    const error = errorOf(() => parseIndexLine(JSON.stringify({ ...minimal, ...patch }), "de/mo/demo", 3));
    expect(error.line).toBe(3);
    expect(error.detail).toMatch(message);
  });

  it("rejects a line that is not an object", () => {
    expect(errorOf(() => parseIndexLine("[1,2]", "f", 2)).detail).toMatch(/^record: .*expected object/);
  });
});
