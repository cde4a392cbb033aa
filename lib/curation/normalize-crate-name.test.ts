import { describe, expect, it } from "vitest";
import { normalizeCrateName } from "./normalize-crate-name";

describe("normalizeCrateName", () => {
  it("lower-cases and treats - as _", () => {
    expect(normalizeCrateName("Serde-JSON")).toBe("serde_json");
    expect(normalizeCrateName("tokio_util")).toBe("tokio_util");
    expect(normalizeCrateName("a--b")).toBe("a__b");
  });

  it("leaves wildcards alone so patterns normalize the same way", () => {
    expect(normalizeCrateName("Foo-*-?")).toBe("foo_*_?");
  });
});
