import { describe, expect, it } from "vitest";
import { parsePageParam } from "./parse-page-param";

describe("parsePageParam", () => {
  it.each([
    [undefined, 1],
    ["", 1],
    ["1", 1],
    ["7", 7],
    [" 3 ", 3],
    ["0", 1],
    ["-2", 1],
    ["1.5", 1],
    ["abc", 1],
    ["1e3", 1],
    ["99999999999", 1],
    [["4", "9"], 4],
  ] as const)("%j → %d", (input, expected) => {
    expect(parsePageParam(input as string | string[] | undefined)).toBe(expected);
  });
});
