import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { indexPath, isValidCrateName } from "./index-path";
import { readIndexDir } from "./read-index-dir";

const INDEX = new URL("../../fixtures/crates-io-index/", import.meta.url).pathname;

describe("indexPath", () => {
  it("follows the length rule of the crates.io index", () => {
    expect(indexPath("a")).toBe("1/a");
    expect(indexPath("cc")).toBe("2/cc");
    expect(indexPath("syn")).toBe("3/s/syn");
    expect(indexPath("serde")).toBe("se/rd/serde");
    expect(indexPath("tokio")).toBe("to/ki/tokio");
    expect(indexPath("aho-corasick")).toBe("ah/o-/aho-corasick");
  });

  it("lower-cases the name but does not fold - and _", () => {
    expect(indexPath("openAPI_test_davidkim")).toBe("op/en/openapi_test_davidkim");
    expect(indexPath("SYN")).toBe("3/s/syn");
    expect(indexPath("serde_json")).not.toBe(indexPath("serde-json"));
  });

  it("matches the location of every fixture file", async () => {
    const sources = readFileSync(new URL("../../fixtures/crates-io-index.SOURCES.tsv", import.meta.url), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((row) => row.split("\t"));
    expect(sources.length).toBe(222);
    for (const [file, crate] of sources) {
      expect(indexPath(crate!)).toBe(file);
    }
  });
});

describe("isValidCrateName", () => {
  it("accepts every crate name in the fixture index", async () => {
    let count = 0;
    for await (const { name } of readIndexDir(INDEX)) {
      expect(isValidCrateName(name), name).toBe(true);
      count++;
    }
    expect(count).toBe(222);
  });

  it("accepts the odd but real names", () => {
    for (const name of ["l18446744073709551615", "a793556702", "openAPI_test_davidkim", "g", "zzzz_rt_logic", "z".repeat(64)]) {
      expect(isValidCrateName(name), name).toBe(true);
    }
  });

  it("rejects names crates.io would refuse", () => {
    for (const name of ["", "1abc", "-abc", "_abc", "a b", "a.b", "a/b", "ünï", "z".repeat(65), "serde\n"]) {
      expect(isValidCrateName(name), JSON.stringify(name)).toBe(false);
    }
  });
});
