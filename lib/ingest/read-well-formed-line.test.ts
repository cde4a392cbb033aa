import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureIndexDir } from "../../test/fixture-paths";
import { indexLineSchema, readWellFormedLine } from "./parse-index-line";

// readWellFormedLine is the fast path of parseIndexLine: it must read every
// real line exactly as indexLineSchema does, and must never accept a line the
// schema rejects (it returns null, and the schema names the problem).

function fixtureLines(): unknown[] {
  const lines: unknown[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name !== "config.json" && !entry.name.startsWith(".")) {
        for (const text of readFileSync(full, "utf8").split("\n")) if (text.trim()) lines.push(JSON.parse(text));
      }
    }
  };
  walk(fixtureIndexDir);
  return lines;
}

const lines = fixtureLines();

/** Values of every JSON type, and the edge cases of the schema's checks. */
const ODD_VALUES: unknown[] = [undefined, null, 0, 1.5, -1, 2 ** 60, "", "x", "normal", true, false, [], [""], [1], ["a", ""], {}, { a: 1 }, { a: [1] }];

function withValue(record: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...record };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

/** Every variant of `line` with one field (of the line or of its first dependency) replaced by an odd value. */
function* variants(line: Record<string, unknown>): Generator<unknown> {
  const keys = ["name", "vers", "deps", "cksum", "features", "features2", "yanked", "links", "rust_version", "pubtime", "v"];
  for (const key of keys) for (const value of ODD_VALUES) yield withValue(line, key, value);
  yield withValue(line, "pubtime", "2024-02-30T00:00:00Z");
  yield withValue(line, "pubtime", "2024-02-03T04:05:06.7+01:00");
  yield withValue(line, "features", JSON.parse('{"__proto__": ["x"]}'));
  yield withValue(line, "features", { default: ["std", ""], std: [] });
  yield withValue(line, "name", "not a name");
  yield withValue(line, "cksum", "AB".repeat(32));
  const deps = line.deps as Record<string, unknown>[];
  const dep = deps[0] ?? { name: "dep", req: "^1" };
  const depKeys = ["name", "req", "features", "optional", "default_features", "target", "kind", "registry", "package"];
  for (const key of depKeys) {
    for (const value of [...ODD_VALUES, "dev", "build", "weird"]) yield { ...line, deps: [withValue(dep, key, value), ...deps.slice(1)] };
  }
  yield { ...line, deps: [...deps, null] };
}

describe("readWellFormedLine", () => {
  it("reads every fixture line, exactly as the schema does", () => {
    expect(lines.length).toBeGreaterThan(1000);
    for (const line of lines) {
      const fast = readWellFormedLine(line);
      expect(fast).not.toBeNull();
      expect(fast).toEqual(indexLineSchema.parse(line));
    }
  });

  it("never accepts a variant the schema rejects, and reads the ones it takes as the schema does", () => {
    let rejected = 0;
    let acceptedFast = 0;
    for (const line of lines.filter((_, i) => i % 40 === 0) as Record<string, unknown>[]) {
      for (const variant of variants(line)) {
        const schema = indexLineSchema.safeParse(variant);
        const fast = readWellFormedLine(variant);
        if (!schema.success) {
          rejected++;
          expect(fast, JSON.stringify(variant)).toBeNull();
        } else if (fast !== null) {
          acceptedFast++;
          expect(fast).toEqual(schema.data);
        }
      }
    }
    // Both kinds of variant were exercised.
    expect(rejected).toBeGreaterThan(1000);
    expect(acceptedFast).toBeGreaterThan(1000);
  });
});
