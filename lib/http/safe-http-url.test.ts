import { describe, expect, it } from "vitest";
import { safeHttpUrl } from "./safe-http-url";

describe("safeHttpUrl", () => {
  it("keeps absolute http and https URLs", () => {
    expect(safeHttpUrl("https://github.com/serde-rs/serde")).toBe("https://github.com/serde-rs/serde");
    expect(safeHttpUrl("  http://example.com ")).toBe("http://example.com/");
  });

  it.each([null, undefined, "", "javascript:alert(1)", "data:text/html,hi", "/relative", "github.com/x", "ftp://x.org", "https://"])(
    "rejects %s",
    (value) => {
      expect(safeHttpUrl(value)).toBeNull();
    },
  );
});
