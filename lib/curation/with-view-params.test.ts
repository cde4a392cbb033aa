import { describe, expect, it } from "vitest";
import { withViewParams } from "./with-view-params";

describe("withViewParams", () => {
  it("adds the view and hidden=show, keeping the path's query and fragment", () => {
    expect(withViewParams("/categories/web?page=2#top", { view: "strict", showHidden: true })).toBe("/categories/web?page=2&view=strict&hidden=show#top");
  });

  it("removes them when the view is the default and hidden crates are not shown", () => {
    expect(withViewParams("/search?q=serde&view=strict&hidden=show", {})).toBe("/search?q=serde");
    expect(withViewParams("/", {})).toBe("/");
  });
});
