import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileFilterList } from "./compile-filter-list";
import { evaluateCrate } from "./evaluate-crate";
import type { CrateFacts } from "./filter-list-types";
import { parseFilterList } from "./parse-filter-list";

// The README is what curators read: its examples must stay true.
const readme = readFileSync(fileURLToPath(new URL("./README.md", import.meta.url)), "utf8");
const firstExample = /```text\n([\s\S]*?)```/.exec(readme)![1]!;

function crate(nameLower: string, facts: Partial<CrateFacts> = {}): CrateFacts {
  return { nameLower, owners: [], keywords: [], categories: [], heuristics: [], ...facts };
}

describe("README examples", () => {
  it("parses the first example without errors", () => {
    const parsed = parseFilterList(firstExample);
    expect(parsed.errors).toEqual([]);
    expect(parsed.header).toEqual({
      title: "Crates to avoid",
      description: "Placeholders, squatted names and abandoned crates.",
      version: null,
      license: "CC0-1.0",
      homepage: "https://example.org/crates-to-avoid",
      expiresMinutes: 4 * 24 * 60,
    });
    expect(parsed.rules).toHaveLength(6);
  });

  it("behaves as the example says", () => {
    const list = compileFilterList([{ slug: "crates-to-avoid", rules: parseFilterList(firstExample).rules }]);
    expect(evaluateCrate([list], crate("acme-core-sys"))?.action).toBe("allow");
    expect(evaluateCrate([list], crate("acme-net-sys"))?.action).toBe("demote");
    expect(evaluateCrate([list], crate("x", { owners: ["user/name-squatter"] }))?.decidedBy?.reason).toBe("registered 300 names in a day");
    const oldJson = evaluateCrate([list], crate("old-json"));
    expect(oldJson?.labels.map((l) => l.label)).toEqual(["unmaintained"]);
    expect(oldJson?.replaceWith?.crate).toBe("serde_json");
  });

  it("holds the view-order example: exceptions first win, reversed they lose", () => {
    const exceptions = compileFilterList([{ slug: "my-exceptions", rules: parseFilterList("allow acme-core-sys").rules }]);
    const avoid = compileFilterList([{ slug: "crates-to-avoid", rules: parseFilterList("demote acme-*-sys").rules }]);
    expect(evaluateCrate([exceptions, avoid], crate("acme-core-sys"))?.action).toBe("allow");
    expect(evaluateCrate([exceptions, avoid], crate("acme-net-sys"))?.action).toBe("demote");
    expect(evaluateCrate([avoid, exceptions], crate("acme-core-sys"))?.action).toBe("demote");
  });
});
