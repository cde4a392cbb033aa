import { describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import { reqLine } from "../usage/cargo-req-line";
import { getCrate } from "./get-crate";
import { DEPENDENT_SORTS, dependentReqLine, listDependents, type DependentView } from "./list-dependents";

// The dependents listing's orders on the fixtures: every order lists the same
// crates, pages never overlap, and each dependent carries the line its
// requirements select.
describe("listDependents sorts", () => {
  const database = useTestPrisma({ seeded: true });

  const all = async (name: string, sort: (typeof DEPENDENT_SORTS)[number]): Promise<DependentView[]> => {
    const crate = (await getCrate(database.prisma, name))!;
    return (await listDependents(database.prisma, crate.id, { page: 1, perPage: 1000 }, null, sort)).items;
  };

  const isSorted = <T,>(items: T[], inOrder: (a: T, b: T) => boolean) => items.every((item, i) => i === 0 || inOrder(items[i - 1]!, item));

  it("orders by all-time downloads by default, then recent downloads, name or last update", async () => {
    const serde = (await getCrate(database.prisma, "serde"))!;
    const byDefault = (await listDependents(database.prisma, serde.id, { page: 1, perPage: 1000 })).items;
    const downloads = await all("serde", "downloads");
    expect(downloads.map((d) => d.name)).toEqual(byDefault.map((d) => d.name));
    expect(downloads.length).toBeGreaterThan(10);
    expect(isSorted(downloads, (a, b) => a.downloads > b.downloads || (a.downloads === b.downloads && a.name.toLowerCase() <= b.name.toLowerCase()))).toBe(true);

    const recent = await all("serde", "recent");
    expect(isSorted(recent, (a, b) => a.recentDownloads >= b.recentDownloads)).toBe(true);

    const byName = await all("serde", "name");
    expect(byName.map((d) => d.name.toLowerCase())).toEqual(byName.map((d) => d.name.toLowerCase()).sort());

    const updated = await all("serde", "updated");
    expect(isSorted(updated, (a, b) => b.updatedAt === null || (a.updatedAt !== null && a.updatedAt.getTime() >= b.updatedAt.getTime()))).toBe(true);

    // Same crates whatever the order, and the orders differ.
    for (const list of [recent, byName, updated]) expect(new Set(list.map((d) => d.name))).toEqual(new Set(downloads.map((d) => d.name)));
    expect(byName.map((d) => d.name)).not.toEqual(downloads.map((d) => d.name));
  });

  it("pages through every order without overlap", async () => {
    const serde = (await getCrate(database.prisma, "serde"))!;
    for (const sort of DEPENDENT_SORTS) {
      const full = await all("serde", sort);
      const paged: string[] = [];
      for (let page = 1; paged.length < full.length; page++) {
        const result = await listDependents(database.prisma, serde.id, { page, perPage: 7 }, null, sort);
        expect(result.total).toBe(full.length);
        expect(result.items.length).toBeGreaterThan(0);
        paged.push(...result.items.map((d) => d.name));
      }
      expect({ sort, names: paged }).toEqual({ sort, names: full.map((d) => d.name) });
    }
  });

  it("gives each dependent the line its requirements select", async () => {
    for (const name of ["serde", "syn", "rand", "libc"]) {
      for (const d of await all(name, "downloads")) {
        expect(d.line).toBe(dependentReqLine(d.reqs));
        expect(d.reqs.some((req) => reqLine(req) === d.line)).toBe(true);
      }
    }
    expect((await all("syn", "name")).map((d) => d.line).sort()).toContain("2");
  });

  it("picks the newest line among several requirements, unreadable ones last", () => {
    expect(dependentReqLine(["0.9", "^1"])).toBe("1");
    expect(dependentReqLine([">=0.5", "1"])).toBe("*");
    expect(dependentReqLine(["not a req", "0.3"])).toBe("0.3");
    expect(dependentReqLine(["not a req"])).toBe("?");
    expect(dependentReqLine([])).toBe("?");
  });
});
