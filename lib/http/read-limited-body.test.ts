import { describe, expect, it } from "vitest";
import { UserError } from "../user-error";
import { readLimitedBody } from "./read-limited-body";

/** A request whose body arrives in `chunks` chunks of `size` bytes, without a Content-Length; counts the chunks read. */
function streamed(chunks: number, size: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled += 1;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  const request = new Request("http://localhost/upload", { method: "POST", body, duplex: "half" } as RequestInit);
  return { request, pulled: () => pulled };
}

describe("readLimitedBody", () => {
  it("returns the whole body when it fits", async () => {
    const { request } = streamed(4, 1000);
    const bytes = await readLimitedBody(request, 4000, "The file");
    expect(bytes.byteLength).toBe(4000);
    expect(bytes.every((b) => b === 0x61)).toBe(true);
  });

  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const request = new Request("http://localhost/upload", { method: "POST", body: "x".repeat(10), headers: { "Content-Length": String(50 * 1024 * 1024) } });
    const error = await readLimitedBody(request, 1024 * 1024, "The Cargo.lock").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).kind).toBe("too_large");
    expect((error as UserError).message).toBe("The Cargo.lock is 50.0 MB; at most 1.0 MB is accepted.");
    expect(request.bodyUsed).toBe(false);
  });

  it("stops reading a streamed body as soon as it passes the limit", async () => {
    const { request, pulled } = streamed(1000, 1024 * 1024);
    const error = await readLimitedBody(request, 5 * 1024 * 1024, "The upload").catch((e: unknown) => e);
    expect((error as UserError).kind).toBe("too_large");
    expect((error as UserError).message).toMatch(/^The upload is over 5\.0 MB/);
    expect(pulled()).toBeLessThanOrEqual(8);
  });
});
