import { describe, expect, it } from "vitest";
import { classifyFeatureEntry, featureList } from "./feature-list";

describe("classifyFeatureEntry", () => {
  const none = new Set<string>();

  it("reads dep:, dep/feature, weak dep?/feature and plain features", () => {
    expect(classifyFeatureEntry("dep:serde", none, none)).toEqual({ kind: "dependency", dependency: "serde" });
    expect(classifyFeatureEntry("serde/derive", none, none)).toEqual({
      kind: "dependency-feature",
      dependency: "serde",
      feature: "derive",
      weak: false,
    });
    expect(classifyFeatureEntry("serde?/std", none, none)).toEqual({
      kind: "dependency-feature",
      dependency: "serde",
      feature: "std",
      weak: true,
    });
    expect(classifyFeatureEntry("std", none, none)).toEqual({ kind: "feature", feature: "std" });
  });

  it("treats a bare optional-dependency name as the dependency unless a feature has that name", () => {
    const optional = new Set(["libc"]);
    expect(classifyFeatureEntry("libc", optional, new Set())).toEqual({ kind: "dependency", dependency: "libc" });
    expect(classifyFeatureEntry("libc", optional, new Set(["libc"]))).toEqual({ kind: "feature", feature: "libc" });
  });
});

describe("featureList", () => {
  it("puts default first and sorts the rest by name", () => {
    const list = featureList({ zeta: [], alpha: [], default: ["zeta"], beta: [] });
    expect(list.map((f) => f.name)).toEqual(["default", "alpha", "beta", "zeta"]);
  });

  it("marks what default turns on, transitively and through cycles", () => {
    const list = featureList({ default: ["std"], std: ["alloc"], alloc: ["std"], extra: [] });
    const on = Object.fromEntries(list.map((f) => [f.name, f.enabledByDefault]));
    expect(on).toEqual({ default: true, std: true, alloc: true, extra: false });
  });

  it("describes what each feature enables", () => {
    const [, full] = featureList({ default: [], full: ["dep:tokio", "serde/derive", "serde_json?/std", "macros"], macros: [] });
    expect(full?.name).toBe("full");
    expect(full?.enables).toEqual([
      { kind: "dependency", dependency: "tokio" },
      { kind: "dependency-feature", dependency: "serde", feature: "derive", weak: false },
      { kind: "dependency-feature", dependency: "serde_json", feature: "std", weak: true },
      { kind: "feature", feature: "macros" },
    ]);
  });

  it("adds implicit features for optional dependencies never named with dep:", () => {
    const list = featureList({ default: ["rayon"], json: ["dep:serde_json"] }, ["rayon", "serde_json", "log"]);
    expect(list.map((f) => [f.name, f.implicit, f.enabledByDefault])).toEqual([
      ["default", false, true],
      ["json", false, false],
      ["log", true, false],
      ["rayon", true, true],
    ]);
    expect(list.find((f) => f.name === "rayon")?.enables).toEqual([{ kind: "dependency", dependency: "rayon" }]);
    expect(list.find((f) => f.name === "default")?.enables).toEqual([{ kind: "dependency", dependency: "rayon" }]);
  });

  it("returns an empty list for a crate without features", () => {
    expect(featureList({})).toEqual([]);
  });
});
