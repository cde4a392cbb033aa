import { describe, expect, it } from "vitest";
import { numberCsvRecords } from "./number-csv-records";

async function run(chunks: string[], firstLine = 2): Promise<string> {
  const out: Buffer[] = [];
  for await (const b of numberCsvRecords((async function* () {
    for (const c of chunks) yield Buffer.from(c);
  })(), firstLine)) out.push(b);
  return Buffer.concat(out).toString();
}

describe("numberCsvRecords", () => {
  it("prefixes each record with the line it starts on", async () => {
    expect(await run(["1,a\n2,b\n"])).toBe("2,1,a\n3,2,b\n");
  });

  it("counts newlines inside quoted fields as lines, not records", async () => {
    expect(await run(['1,"multi\nline\nreadme"\n2,b\n'])).toBe('2,1,"multi\nline\nreadme"\n5,2,b\n');
  });

  it("keeps quote state across escaped quotes and chunk boundaries", async () => {
    const csv = '1,"say ""hi""\nthere"\n2,x\n';
    const whole = await run([csv]);
    expect(whole).toBe('2,1,"say ""hi""\nthere"\n4,2,x\n');
    const split = await run(csv.split(""));
    expect(split).toBe(whole);
  });

  it("does not number the empty tail after the last newline", async () => {
    expect(await run(["a\n"], 10)).toBe("10,a\n");
    expect(await run(["a"], 10)).toBe("10,a");
  });

  it("numbers a blank line, so a NULL-only record keeps its line", async () => {
    expect(await run(["a\n\nb\n"])).toBe("2,a\n3,\n4,b\n");
  });
});
