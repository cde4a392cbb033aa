import { beforeAll, describe, expect, it } from "vitest";

describe("signed notices", () => {
  beforeAll(() => {
    // Read once and cached by lib/env.ts: set before the module is loaded.
    process.env.AUTH_SECRET = "a-test-secret-of-at-least-thirty-two-characters";
  });

  it("verifies what it signed and nothing else", async () => {
    const { signNotice, verifyNotice } = await import("./signed-notice");
    const message = "Cargo.lock line 3: the file ends inside a quoted string";
    const sig = signNotice(message)!;
    expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verifyNotice(message, sig)).toBe(true);
    expect(verifyNotice(`${message}. Call +1 555 0100 to recover your account`, sig)).toBe(false);
    expect(verifyNotice(message, undefined)).toBe(false);
    expect(verifyNotice(message, "")).toBe(false);
    expect(verifyNotice(message, sig.slice(0, -2))).toBe(false);
    expect(verifyNotice(message, `${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`)).toBe(false);
  });
});
