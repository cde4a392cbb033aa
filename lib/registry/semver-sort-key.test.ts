import { describe, expect, it } from "vitest";
import { semverSortKey } from "./semver-sort-key";

function key(num: string): string {
  return semverSortKey(num).key;
}

function expectAscending(chain: string[]): void {
  for (let i = 1; i < chain.length; i++) {
    const lower = chain[i - 1]!;
    const higher = chain[i]!;
    expect(key(lower) < key(higher), `${lower} < ${higher}`).toBe(true);
  }
}

// Straightforward precedence comparison from the semver spec, used as the
// oracle for the key (which must agree with it on every pair).
function compareSemver(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = "", pre] = v.split("+")[0]!.split(/-(.*)/s);
    return { core: core.split(".").map(BigInt), pre: pre === undefined ? null : pre.split(".") };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    if (x.core[i]! !== y.core[i]!) return x.core[i]! < y.core[i]! ? -1 : 1;
  }
  if (x.pre === null || y.pre === null) return x.pre === y.pre ? 0 : x.pre === null ? 1 : -1;
  for (let i = 0; i < Math.min(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i]!;
    const q = y.pre[i]!;
    if (p === q) continue;
    const pNum = /^\d+$/.test(p);
    const qNum = /^\d+$/.test(q);
    if (pNum && qNum) return BigInt(p) < BigInt(q) ? -1 : 1;
    if (pNum !== qNum) return pNum ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return Math.sign(x.pre.length - y.pre.length);
}

describe("semverSortKey", () => {
  it("orders the semver spec's precedence example", () => {
    expectAscending([
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-alpha.beta",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "1.0.0",
    ]);
  });

  it("compares major, minor and patch numerically, up to u64::MAX", () => {
    expectAscending([
      "0.0.0",
      "0.0.9",
      "0.0.10",
      "0.9.0",
      "0.10.0",
      "1.0.0",
      "2.0.0",
      "10.0.0",
      "99.99.99",
      "18446744073709551615.0.0",
      "18446744073709551615.18446744073709551615.18446744073709551615",
    ]);
    expect(key("18446744073709551615.18446744073709551615.18446744073709551615")).toBe(
      "18446744073709551615.18446744073709551615.18446744073709551615\u0002",
    );
  });

  it("puts every prerelease of a version below it and above the previous release", () => {
    expectAscending(["0.9.9", "1.0.0-0", "1.0.0-zzz.999", "1.0.0", "1.0.1-alpha"]);
  });

  it("sorts a shorter identifier or list first when the prefix is equal", () => {
    // "a" vs "a-b": "a" is a prefix of "a-b", so ["a", "x"] < ["a-b"].
    expectAscending(["1.0.0-a", "1.0.0-a.x", "1.0.0-a-b", "1.0.0-a-b.0", "1.0.0-ab"]);
    expectAscending(["1.0.0-alpha", "1.0.0-alpha.0", "1.0.0-alpha.0.0", "1.0.0-alpha.1"]);
  });

  it("sorts numeric identifiers below alphanumeric ones and compares them by value", () => {
    expectAscending(["1.0.0-1", "1.0.0-2", "1.0.0-10", "1.0.0-99999999999999999999999", "1.0.0--", "1.0.0-0a", "1.0.0-A", "1.0.0-a"]);
  });

  it("ignores build metadata", () => {
    expect(key("1.0.0+build.5")).toBe(key("1.0.0"));
    expect(key("1.0.0-rc.1+x86")).toBe(key("1.0.0-rc.1"));
    expect(semverSortKey("1.0.0+meta")).toMatchObject({ prerelease: false, valid: true });
  });

  it("flags prereleases, including the odd but valid `0.0.0--`", () => {
    expect(semverSortKey("0.0.0--")).toMatchObject({ prerelease: true, valid: true });
    expect(semverSortKey("1.2.3")).toMatchObject({ prerelease: false, valid: true });
    expect(semverSortKey("1.2.3-alpha.1")).toMatchObject({ prerelease: true, valid: true });
  });

  it("reads legacy leading zeros by value", () => {
    expect(semverSortKey("0.0.1-001")).toMatchObject({ valid: true, prerelease: true });
    expect(key("0.0.1-001")).toBe(key("0.0.1-1"));
    expectAscending(["0.0.1-001", "0.0.1-002", "0.0.1-010", "0.0.1"]);
  });

  it("keeps every key free of NUL and within identifier-safe markers", () => {
    for (const v of ["1.0.0-alpha.1", "0.0.0--", "1.0.0", "junk"]) {
      expect(key(v)).not.toContain("\u0000");
    }
  });

  it("marks non-semver strings invalid and sorts them below every valid version", () => {
    const lowestValid = key("0.0.0-0");
    for (const bad of ["", "1", "1.0", "1.0.0.0", "v1.0.0", "1.0.0-", "1.0.0-a..b", "1.0.0+", " 1.0.0", "1.0.0-ä", "123456789012345678901.0.0"]) {
      const result = semverSortKey(bad);
      expect(result.valid, bad).toBe(false);
      expect(result.prerelease).toBe(false);
      expect(result.key < lowestValid, bad).toBe(true);
    }
  });

  it("agrees with a reference comparison on random versions", () => {
    // Small alphabet so that equal prefixes and ties are common.
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const ident = () => {
      const pick = ["0", "1", "2", "10", "11", "a", "b", "a-b", "-", "A", "ab", "b1", "0a"];
      return pick[rand(pick.length)]!;
    };
    const version = () => {
      const core = [rand(3), rand(3), rand(12)].join(".");
      if (rand(3) === 0) return core;
      const pre = Array.from({ length: 1 + rand(3) }, ident).join(".");
      return rand(4) === 0 ? `${core}-${pre}+b${rand(9)}` : `${core}-${pre}`;
    };
    const versions = Array.from({ length: 250 }, version);
    const keys = versions.map(key);
    const disagreements: string[] = [];
    for (let i = 0; i < versions.length; i++) {
      for (let j = i + 1; j < versions.length; j++) {
        const ka = keys[i]!;
        const kb = keys[j]!;
        const got = ka === kb ? 0 : ka < kb ? -1 : 1;
        if (got !== compareSemver(versions[i]!, versions[j]!)) disagreements.push(`${versions[i]} vs ${versions[j]}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
