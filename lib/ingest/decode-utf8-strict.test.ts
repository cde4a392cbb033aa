import { describe, expect, it } from "vitest";
import { decodeUtf8Strict } from "./decode-utf8-strict";

async function decode(chunks: Buffer[]): Promise<string> {
  let out = "";
  for await (const text of decodeUtf8Strict((async function* () { yield* chunks; })(), "data/x.csv")) out += text;
  return out;
}

describe("decodeUtf8Strict", () => {
  it("decodes characters split across chunks", async () => {
    const bytes = Buffer.from("a,é🦀\nb\n");
    const chunks = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
    expect(await decode(chunks)).toBe("a,é🦀\nb\n");
  });

  it("names the line of an invalid byte", async () => {
    const bad = Buffer.concat([Buffer.from("h\nok\nbad "), Buffer.from([0xff]), Buffer.from("\n")]);
    await expect(decode([Buffer.from("x\n"), bad])).rejects.toThrow("data/x.csv:4: invalid UTF-8");
  });

  it("rejects a file that ends inside a character", async () => {
    await expect(decode([Buffer.from([0x61, 0x0a, 0xe2, 0x82])])).rejects.toThrow("data/x.csv:2: file ends inside a UTF-8 character");
  });
});
