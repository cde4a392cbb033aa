import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback-path";

describe("safeCallbackPath", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    expect(safeCallbackPath("/crates/serde")).toBe("/crates/serde");
    expect(safeCallbackPath("/search?q=http%20client&page=2#results")).toBe("/search?q=http%20client&page=2#results");
    expect(safeCallbackPath("/admin/users")).toBe("/admin/users");
  });

  it("normalizes dot segments without leaving the site", () => {
    expect(safeCallbackPath("/a/../../crates/tokio")).toBe("/crates/tokio");
  });

  it.each([
    "https://evil.example/",
    "http://localhost:3200/",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
    "data:text/html,hi",
    "crates/serde",
    "",
    " /crates/serde",
  ])("refuses %j", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });

  it("refuses what is not a string, and uses the fallback given", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(["/a", "/b"])).toBe("/");
    expect(safeCallbackPath("//evil.example", "/signin")).toBe("/signin");
  });
});
