import { describe, expect, it } from "vitest";
import { formatBytes, formatCount, formatDate, formatNumber, formatRelativeDate } from "./format";

describe("formatCount", () => {
  it.each([
    [0, "0"],
    [7, "7"],
    [999, "999"],
    [999.6, "1K"],
    [1000, "1K"],
    [1234, "1.2K"],
    [9949, "9.9K"],
    [9950, "10K"],
    [12_345, "12K"],
    [123_456, "123K"],
    [999_499, "999K"],
    [999_950, "1M"],
    [1_250_000, "1.3M"],
    [45_600_000, "46M"],
    [3_000_000_000, "3B"],
    [-1500, "-1.5K"],
    [Number.NaN, "0"],
  ])("%d → %s", (input, expected) => {
    expect(formatCount(input)).toBe(expected);
  });
});

describe("formatNumber", () => {
  it("groups thousands", () => {
    expect(formatNumber(1_234_567)).toBe("1,234,567");
    expect(formatNumber(12)).toBe("12");
  });
});

describe("formatDate", () => {
  it("prints the UTC calendar date", () => {
    expect(formatDate(new Date("2024-03-01T23:30:00Z"))).toBe("2024-03-01");
  });
});

describe("formatRelativeDate", () => {
  const now = new Date("2025-06-15T12:00:00Z");
  it.each([
    ["2025-06-15T01:00:00Z", "today"],
    ["2025-06-20T00:00:00Z", "today"],
    ["2025-06-14T23:59:00Z", "yesterday"],
    ["2025-06-10T12:00:00Z", "5 days ago"],
    ["2025-06-01T12:00:00Z", "2 weeks ago"],
    ["2025-04-15T12:00:00Z", "2 months ago"],
    ["2024-06-15T12:00:00Z", "1 year ago"],
    ["2020-01-01T00:00:00Z", "5 years ago"],
  ])("%s → %s", (date, expected) => {
    expect(formatRelativeDate(new Date(date), now)).toBe(expected);
  });
});

describe("formatBytes", () => {
  it.each([
    [512, "512 B"],
    [1536, "1.5 KiB"],
    [1024 * 1024 * 12.4, "12 MiB"],
    [-1, "0 B"],
  ])("%d → %s", (input, expected) => {
    expect(formatBytes(input)).toBe(expected);
  });
});
