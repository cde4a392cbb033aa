import { describe, expect, it } from "vitest";
import { filterListToJson } from "./filter-list-to-json";
import { parseFilterList } from "./parse-filter-list";

describe("filterListToJson", () => {
  it("turns a parsed list into plain JSON with {kind, value} matchers", () => {
    const parsed = parseFilterList(
      [
        "! Title: Avoid",
        "! Expires: 2 days",
        "hide foo # squatted",
        "label unmaintained owner:user/Bob",
        "replace-with serde_json name:json-*",
        "demote heuristic:all-yanked",
        "allow keyword:ok",
        "hide category:gui",
        "include list:base-list",
      ].join("\n"),
    );
    const json = filterListToJson("avoid", parsed);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json).toEqual({
      slug: "avoid",
      header: { title: "Avoid", description: null, version: null, license: null, homepage: null, expiresMinutes: 2880 },
      rules: [
        { line: 3, action: "hide", matcher: { kind: "name", value: "foo" }, reason: "squatted" },
        { line: 4, action: "label", label: "unmaintained", matcher: { kind: "owner", value: "user/bob" }, reason: null },
        { line: 5, action: "replace-with", replaceWith: "serde_json", matcher: { kind: "glob", value: "json_*" }, reason: null },
        { line: 6, action: "demote", matcher: { kind: "heuristic", value: "all-yanked" }, reason: null },
        { line: 7, action: "allow", matcher: { kind: "keyword", value: "ok" }, reason: null },
        { line: 8, action: "hide", matcher: { kind: "category", value: "gui" }, reason: null },
      ],
      includes: [{ kind: "list", slug: "base-list", line: 9 }],
    });
  });
});
