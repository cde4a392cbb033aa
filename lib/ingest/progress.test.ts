import { afterEach, describe, expect, it, vi } from "vitest";
import { formatDuration } from "./format-duration";
import { humanBytes, humanNumber, humanRate } from "./human-rate";
import { createProgress, type ProgressOptions } from "./progress";

const CLEAR_LINE = "\r\x1b[K";

function fakeStream(tty: { isTTY?: boolean; columns?: number } = {}) {
  const chunks: string[] = [];
  return {
    chunks,
    isTTY: tty.isTTY,
    columns: tty.columns,
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
    text: () => chunks.join(""),
  };
}

function fakeClock() {
  const clock = {
    t: 0,
    reads: 0,
    now: () => {
      clock.reads++;
      return clock.t;
    },
  };
  return clock;
}

/** Each bar frame as the terminal would show it (what follows a clear-line). */
function frames(chunks: string[]): string[] {
  return chunks.filter((c) => c.startsWith(CLEAR_LINE) && c.length > CLEAR_LINE.length).map((c) => c.slice(CLEAR_LINE.length));
}

function setup(options: ProgressOptions & { columns?: number; isTTY?: boolean } = {}) {
  const stream = fakeStream({ isTTY: options.isTTY, columns: options.columns });
  const clock = fakeClock();
  const progress = createProgress({ stream, now: clock.now, ...options });
  return { stream, clock, progress };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("createProgress mode", () => {
  it("draws a bar on a terminal and plain lines elsewhere", () => {
    const tty = setup({ isTTY: true });
    tty.progress.phase("index").done();
    tty.progress.close();
    expect(tty.stream.text()).toContain(CLEAR_LINE);

    const pipe = setup({ isTTY: false });
    pipe.progress.phase("index").done();
    pipe.progress.close();
    expect(pipe.stream.text()).not.toContain("\r");
    expect(pipe.stream.text()).toContain("✓ index");
  });
});

describe("bar mode", () => {
  it("redraws about ten times a second however often tick() is called", () => {
    const { stream, clock, progress } = setup({ mode: "bar" });
    const phase = progress.phase("index", { unit: "files" });
    // One tick per millisecond for one second: ~10 frames, not 1000.
    for (let i = 0; i < 1000; i++) {
      clock.t++;
      phase.tick();
    }
    const drawn = frames(stream.chunks).length - 1; // the first frame came with phase()
    expect(drawn).toBeGreaterThanOrEqual(9);
    expect(drawn).toBeLessThanOrEqual(11);
    expect(frames(stream.chunks).at(-1)).toBe("index  901 files  1.0k files/s  0.9 s");
    // A burst at one instant: no frame at all.
    for (let i = 0; i < 100_000; i++) phase.tick();
    expect(frames(stream.chunks)).toHaveLength(drawn + 1);
    progress.close();
  });

  it("shows the bar, percent, count, rate, elapsed and ETA from the average rate", () => {
    const { stream, clock, progress } = setup({ mode: "bar", columns: 120 });
    const phase = progress.phase("dump: dependencies", { total: 1000, unit: "rows" });
    clock.t = 5000;
    phase.set(250); // 50 rows/s, 750 to go: 15 s
    expect(frames(stream.chunks).at(-1)).toBe(
      `dump: dependencies  [${"█".repeat(8)}${"░".repeat(22)}]  25%  250/1.0k rows  50 rows/s  5.0 s  ETA 15.0 s`,
    );
    phase.setTotal(2000);
    clock.t = 10_000;
    phase.set(1000); // 100 rows/s, 1000 to go: 10 s
    expect(frames(stream.chunks).at(-1)).toMatch(/ 50% {2}1\.0k\/2\.0k rows {2}100 rows\/s {2}10\.0 s {2}ETA 10\.0 s$/);
    progress.close();
  });

  it("shows no ETA, percent or bar when the total is unknown", () => {
    const { stream, clock, progress } = setup({ mode: "bar" });
    const phase = progress.phase("index", { unit: "files" });
    clock.t = 2000;
    phase.set(500);
    const frame = frames(stream.chunks).at(-1)!;
    expect(frame).toBe("index  500 files  250 files/s  2.0 s");
    progress.close();
  });

  it("fits the terminal width, dropping the least useful fields first", () => {
    const { stream, clock, progress } = setup({ mode: "bar", columns: 50 });
    const phase = progress.phase("dump: version_downloads", { total: 9_000_000, unit: "rows" });
    clock.t = 3000;
    phase.set(3_000_000);
    const frame = frames(stream.chunks).at(-1)!;
    expect(frame.length).toBeLessThanOrEqual(49);
    expect(frame).toContain("dump: version_downloads");
    expect(frame).toContain("33%");
    expect(frame).toContain("ETA 6.0 s");
    expect(frame).not.toContain("elapsed");

    const tiny = setup({ mode: "bar", columns: 12 });
    tiny.progress.phase("a very long phase name", { total: 10 });
    expect(frames(tiny.stream.chunks).at(-1)).toBe("a very long");
    tiny.progress.close();
    progress.close();
  });

  it("shows bytes in MB and MB/s", () => {
    const { stream, clock, progress } = setup({ mode: "bar", columns: 120 });
    const phase = progress.phase("download", { total: 100_000_000, unit: "bytes" });
    clock.t = 2000;
    phase.set(24_600_000);
    expect(frames(stream.chunks).at(-1)).toMatch(/ 24% {2}24\.6 MB\/100 MB {2}12\.3 MB\/s {2}2\.0 s {2}ETA 6\.1 s$/);
    phase.done();
    expect(stream.chunks.at(-1)).toBe("✓ download  24.6 MB in 2.0 s (12.3 MB/s)\n");
    progress.close();
  });

  it("prints a permanent line on done() and returns the bar to an enclosing phase", () => {
    const { stream, clock, progress } = setup({ mode: "bar" });
    const dump = progress.phase("dump");
    const deps = progress.phase("dump: dependencies", { unit: "rows" });
    clock.t = 7300;
    deps.set(2_214_028);
    deps.done();
    const doneAt = stream.chunks.findIndex((c) => c.includes("✓"));
    expect(stream.chunks[doneAt]).toBe("✓ dump: dependencies  2,214,028 rows in 7.3 s (303k rows/s)\n");
    // The bar line was cleared before the permanent line, then the enclosing phase redrawn.
    expect(stream.chunks[doneAt - 1]).toBe(CLEAR_LINE);
    expect(stream.chunks.at(-1)).toBe(`${CLEAR_LINE}dump  7.3 s`);
    dump.done();
    expect(stream.chunks.at(-1)).toBe("✓ dump in 7.3 s\n");
    progress.close();
  });

  it("keeps log messages off the bar line", () => {
    const { stream, progress } = setup({ mode: "bar" });
    progress.phase("merge");
    const log = progress.log;
    log("Merging crates");
    expect(stream.chunks.slice(-3)).toEqual([CLEAR_LINE, "Merging crates\n", `${CLEAR_LINE}merge  0.0 s`]);
    progress.close();
  });

  it("close() clears a pending bar, stops the timer and prints nothing more", () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const { stream, clock, progress } = setup({ mode: "bar" });
    const phase = progress.phase("merge");
    expect(vi.getTimerCount()).toBe(1);
    progress.close();
    expect(stream.chunks.at(-1)).toBe(CLEAR_LINE);
    expect(vi.getTimerCount()).toBe(0);
    const written = stream.chunks.length;
    clock.t = 5000;
    phase.tick();
    phase.done();
    vi.advanceTimersByTime(1000);
    expect(stream.chunks).toHaveLength(written);
    expect(progress.summary()).toEqual([{ name: "merge", durationMs: 5000, count: 1, unit: "" }]);
  });

  it("keeps the elapsed time moving while no ticks arrive", () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const { stream, clock, progress } = setup({ mode: "bar" });
    const phase = progress.phase("checking references");
    for (let i = 0; i < 30; i++) {
      clock.t += 100;
      vi.advanceTimersByTime(100);
    }
    expect(frames(stream.chunks).at(-1)).toBe("checking references  3.0 s");
    phase.done();
    expect(vi.getTimerCount()).toBe(0); // no open phase, no timer
    progress.close();
  });
});

describe("lines mode", () => {
  it("prints start, one line per intervalMs, and done, with no carriage returns or escape codes", () => {
    const { stream, clock, progress } = setup({ mode: "lines", intervalMs: 10_000 });
    const phase = progress.phase("dump: crates", { total: 350_000, unit: "rows" });
    for (let i = 0; i < 350; i++) {
      clock.t += 100;
      phase.tick(1000);
    }
    phase.done();
    progress.close();
    const text = stream.text();
    expect(text).not.toMatch(/[\r\x1b]/);
    expect(text.split("\n")).toEqual([
      "dump: crates: started, 350,000 rows",
      "dump: crates: 100,000/350,000 rows (28%), 10.0k rows/s, 10.0 s elapsed, ETA 25.0 s",
      "dump: crates: 200,000/350,000 rows (57%), 10.0k rows/s, 20.0 s elapsed, ETA 15.0 s",
      "dump: crates: 300,000/350,000 rows (85%), 10.0k rows/s, 30.0 s elapsed, ETA 5.0 s",
      "✓ dump: crates  350,000 rows in 35.0 s (10.0k rows/s)",
      "",
    ]);
  });

  it("paces each open phase separately and shows no ETA without a total", () => {
    const { stream, clock, progress } = setup({ mode: "lines", intervalMs: 1000 });
    const outer = progress.phase("index", { unit: "files" });
    const inner = progress.phase("batch", { unit: "rows" });
    clock.t = 1500;
    outer.set(30);
    inner.set(3000);
    inner.set(3001); // within the interval of its last line
    expect(stream.chunks.slice(2)).toEqual(["index: 30 files, 20 files/s, 1.5 s elapsed\n", "batch: 3,000 rows, 2.0k rows/s, 1.5 s elapsed\n"]);
    expect(stream.text()).not.toContain("ETA");
    progress.close();
  });

  it("reports a phase that runs without ticks, on the timer", () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const { stream, clock, progress } = setup({ mode: "lines", intervalMs: 10_000 });
    progress.phase("merge");
    for (let i = 0; i < 25; i++) {
      clock.t += 1000;
      vi.advanceTimersByTime(1000);
    }
    expect(stream.chunks).toEqual(["merge: started\n", "merge: 10.0 s elapsed\n", "merge: 20.0 s elapsed\n"]);
    progress.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("silent mode and summary()", () => {
  it("prints nothing and reports each phase's duration, count and unit in start order", () => {
    const { stream, clock, progress } = setup({ mode: "silent" });
    const index = progress.phase("index", { unit: "files" });
    for (let i = 0; i < 1200; i++) index.tick();
    clock.t = 1200;
    index.done();
    const dump = progress.phase("dump", { total: 10, unit: "bytes" });
    dump.set(10);
    clock.t = 2000;
    dump.done();
    const merge = progress.phase("merge");
    clock.t = 2500;
    expect(stream.chunks).toEqual([]);
    expect(progress.summary()).toEqual([
      { name: "index", durationMs: 1200, count: 1200, unit: "files" },
      { name: "dump", durationMs: 800, count: 10, unit: "bytes" },
      // Still open: counted up to now.
      { name: "merge", durationMs: 500, count: 0, unit: "" },
    ]);
    merge.done();
    progress.close();
  });

  it("done() twice is harmless: one final line, duration and count fixed at the first", () => {
    const { stream, clock, progress } = setup({ mode: "lines" });
    const phase = progress.phase("index", { unit: "files" });
    clock.t = 1000;
    phase.set(5);
    phase.done();
    clock.t = 9000;
    phase.tick(10);
    phase.set(99);
    phase.done();
    expect(stream.chunks.filter((c) => c.startsWith("✓"))).toEqual(["✓ index  5 files in 1.0 s (5 files/s)\n"]);
    expect(progress.summary()).toEqual([{ name: "index", durationMs: 1000, count: 5, unit: "files" }]);
    progress.close();
  });
});

describe("current()", () => {
  it("describes the last open phase as a log line, in silent mode too, and null once no phase is open", () => {
    const { stream, clock, progress } = setup({ mode: "silent" });
    expect(progress.current()).toBeNull();
    const dump = progress.phase("dump", { unit: "rows" });
    const deps = progress.phase("dump: dependencies", { total: 4000, unit: "rows" });
    for (let i = 0; i < 1000; i++) deps.tick();
    clock.t = 2000;
    expect(progress.current()).toBe(`dump: dependencies: 1,000/4,000 rows (25%), ${humanRate(500, "rows")}, ${formatDuration(2000)} elapsed, ETA ${formatDuration(6000)}`);
    deps.done();
    // Back to the enclosing phase, which has no count yet.
    expect(progress.current()).toBe(`dump: 0 rows, ${formatDuration(2000)} elapsed`);
    dump.done();
    expect(progress.current()).toBeNull();
    expect(stream.chunks).toEqual([]);
    progress.close();
  });
});

describe("note()", () => {
  it("adds what the phase is doing now, and for how long, to its lines and its bar, until cleared", () => {
    const { stream, clock, progress } = setup({ mode: "silent" });
    const merge = progress.phase("merge");
    clock.t = 3000;
    merge.note("INSERT INTO dependencies");
    clock.t = 5000;
    expect(progress.current()).toBe(`merge: ${formatDuration(5000)} elapsed, now INSERT INTO dependencies (${formatDuration(2000)})`);
    merge.note(null);
    expect(progress.current()).toBe(`merge: ${formatDuration(5000)} elapsed`);
    merge.done();
    expect(stream.chunks).toEqual([]);
    progress.close();
  });

  it("is the first field a narrow bar drops", () => {
    const wide = setup({ isTTY: true, columns: 120 });
    const narrow = setup({ isTTY: true, columns: 30 });
    for (const { clock, progress } of [wide, narrow]) {
      const merge = progress.phase("merge");
      merge.note("CREATE INDEX dependencies_crate_id_idx");
      clock.t = 4000;
      progress.log("tick"); // redraws the bar
    }
    expect(frames(wide.stream.chunks).at(-1)).toContain("now CREATE INDEX dependencies_crate_id_idx");
    const last = frames(narrow.stream.chunks).at(-1)!;
    expect(last).not.toContain("now ");
    expect(last).toContain("merge");
    wide.progress.close();
    narrow.progress.close();
  });
});

describe("tick() cost", () => {
  it("reads the clock on a small fraction of ticks during a burst", () => {
    const { clock, progress } = setup({ mode: "lines" });
    const phase = progress.phase("dump", { unit: "rows" });
    const before = clock.reads;
    for (let i = 0; i < 1_000_000; i++) phase.tick();
    expect(clock.reads - before).toBeLessThan(5_000);
    progress.close();
  });

  it("runs 5 million ticks quickly (a guard against per-tick writes or clock reads, not a benchmark)", () => {
    for (const mode of ["bar", "lines", "silent"] as const) {
      const stream = fakeStream({ isTTY: mode === "bar" });
      const progress = createProgress({ stream, mode });
      const phase = progress.phase("dump", { total: 5_000_000, unit: "rows" });
      const started = performance.now();
      for (let i = 0; i < 5_000_000; i++) phase.tick();
      const ms = performance.now() - started;
      phase.done();
      progress.close();
      expect(ms, `${mode} mode`).toBeLessThan(1500);
      expect(progress.summary()[0]?.count).toBe(5_000_000);
    }
  });
});

describe("formatting helpers", () => {
  it("formatDuration", () => {
    expect(formatDuration(0)).toBe("0.0 s");
    expect(formatDuration(7349)).toBe("7.3 s");
    expect(formatDuration(59_960)).toBe("1 min 00 s");
    expect(formatDuration(245_000)).toBe("4 min 05 s");
    expect(formatDuration(3_599_600)).toBe("1 h 00 min");
    expect(formatDuration(2 * 3_600_000 + 7 * 60_000)).toBe("2 h 07 min");
    expect(formatDuration(Infinity)).toBe("?");
  });

  it("humanRate, humanNumber, humanBytes", () => {
    expect(humanRate(1234)).toBe("1.2k/s");
    expect(humanRate(3_400_000)).toBe("3.4M/s");
    expect(humanRate(303_291, "rows")).toBe("303k rows/s");
    expect(humanRate(0.5, "files")).toBe("0.5 files/s");
    expect(humanRate(12_345_678, "bytes")).toBe("12.3 MB/s");
    expect(humanNumber(999)).toBe("999");
    expect(humanNumber(999.7)).toBe("1.0k");
    expect(humanNumber(99_960)).toBe("100k");
    expect(humanNumber(999_700)).toBe("1.0M");
    expect(humanBytes(512)).toBe("512 B");
    expect(humanBytes(1_500)).toBe("1.5 kB");
  });
});
