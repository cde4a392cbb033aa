import { formatDuration } from "./format-duration";
import { humanBytes, humanNumber, humanRate } from "./human-rate";

// Progress for long ingest runs. On a terminal one line is redrawn in place;
// elsewhere (CI logs, the worker) plain lines are printed at a slow pace; with
// --json nothing is printed and only the timings are kept for the summary.
//
// tick() is called once per row, millions of times, so it only adds and
// counts down; the clock is read every `stride` ticks, with the stride adapted
// so that fast phases read it about every CHECK_TARGET_MS and slow ones on
// every tick. A timer also redraws while no ticks arrive (a long SQL
// statement), so elapsed time keeps moving and the process never looks hung.

/** The little of a writable stream the reporter uses; process.stderr fits. */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  /** Where output goes; default process.stderr. */
  stream?: ProgressStream;
  /** Force the mode; default: bar when stream.isTTY, plain lines otherwise. */
  mode?: "bar" | "lines" | "silent";
  /** Lines mode: at most one line per phase every intervalMs (default 10 000), plus start and end lines. */
  intervalMs?: number;
  /** Milliseconds; injected by tests. */
  now?: () => number;
}

export interface PhaseSummary {
  name: string;
  durationMs: number;
  count: number;
  unit: string;
}

export interface Progress {
  /** Starts a phase; total (units) when known gives percent and ETA; unit e.g. "rows", "files", "bytes". */
  phase(name: string, opts?: { total?: number; unit?: string }): PhaseHandle;
  /** Per-phase summary for --json, in start order; a phase still open counts up to now. */
  summary(): PhaseSummary[];
  /** The phase the bar shows (the last one opened and still open) as a log line, in every mode; null when none is open. */
  current(): string | null;
  /**
   * Prints a permanent message above the bar (in lines mode: a plain line),
   * for logging while a bar is shown. Bound: may be passed on as a callback.
   */
  log: (message: string) => void;
  /** Stops the redraw timer and clears the bar; afterwards phases are still timed but nothing but log() prints. */
  close(): void;
}

export interface PhaseHandle {
  /** Adds n units (default 1). Cheap enough to call per row. */
  tick(n?: number): void;
  /** Sets the absolute count; reads the clock on every call (per chunk or batch, not per row). */
  set(count: number): void;
  setTotal(total: number): void;
  /**
   * What the phase is doing right now (e.g. the SQL statement running), shown
   * after its figures with how long it has been at it; null clears it.
   */
  note(text: string | null): void;
  /** Ends the phase and prints its final line with duration and average rate; later calls do nothing. */
  done(): void;
}

const BAR_REDRAW_MS = 100;
const DEFAULT_INTERVAL_MS = 10_000;
// Lines mode checks for due lines this often while no ticks arrive.
const LINES_TIMER_MS = 1000;
const CHECK_TARGET_MS = 10;
const MAX_STRIDE = 1024;
// Big enough never to count down to zero in a real run; still a small integer for V8.
const NEVER = 1_000_000_000;
const CLEAR_LINE = "\r\x1b[K";
const BAR_MIN = 10;
const BAR_MAX = 30;
const SEPARATOR = "  ";

export function createProgress(options: ProgressOptions = {}): Progress {
  return new ProgressReporter(options);
}

class Phase implements PhaseHandle {
  count = 0;
  endedAt: number | undefined;
  finalCount = 0;
  lastLineAt: number;
  noteText: string | null = null;
  noteSince = 0;
  private untilCheck: number;
  private stride = 1;
  private lastCheckAt: number;

  constructor(
    private readonly reporter: ProgressReporter,
    readonly name: string,
    readonly unit: string,
    public total: number | undefined,
    readonly startedAt: number,
  ) {
    this.lastLineAt = startedAt;
    this.lastCheckAt = startedAt;
    this.untilCheck = reporter.mode === "silent" ? NEVER : 1;
  }

  tick(n = 1): void {
    this.count += n;
    if (--this.untilCheck <= 0) this.check();
  }

  set(count: number): void {
    if (this.endedAt !== undefined) return;
    this.count = count;
    if (this.reporter.mode !== "silent") this.reporter.refresh(this, this.reporter.now());
  }

  setTotal(total: number): void {
    this.total = total;
  }

  note(text: string | null): void {
    this.noteText = text;
    this.noteSince = this.reporter.now();
  }

  done(): void {
    if (this.endedAt !== undefined) return;
    this.endedAt = this.reporter.now();
    this.finalCount = this.count;
    this.untilCheck = NEVER;
    this.reporter.finish(this);
  }

  private check(): void {
    const t = this.reporter.now();
    const dt = t - this.lastCheckAt;
    // `stride` ticks took dt ms: aim the next read CHECK_TARGET_MS ahead.
    // dt of 0 means ticks outrun the clock's resolution: double.
    const next = dt <= 0 ? this.stride * 2 : Math.floor((this.stride * CHECK_TARGET_MS) / dt);
    this.stride = Math.min(MAX_STRIDE, Math.max(1, next));
    this.untilCheck = this.stride;
    this.lastCheckAt = t;
    this.reporter.refresh(this, t);
  }
}

class ProgressReporter implements Progress {
  readonly mode: "bar" | "lines" | "silent";
  readonly now: () => number;
  private readonly stream: ProgressStream;
  private readonly intervalMs: number;
  private readonly phases: Phase[] = [];
  // Open phases in start order; the bar shows the last one.
  private readonly open: Phase[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastDrawAt = -Infinity;
  private barVisible = false;
  private closed = false;

  constructor(options: ProgressOptions) {
    this.stream = options.stream ?? process.stderr;
    this.mode = options.mode ?? (this.stream.isTTY ? "bar" : "lines");
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.now = options.now ?? Date.now;
  }

  phase(name: string, opts: { total?: number; unit?: string } = {}): PhaseHandle {
    const t = this.now();
    const phase = new Phase(this, name, opts.unit ?? "", opts.total, t);
    this.phases.push(phase);
    this.open.push(phase);
    if (this.mode === "silent" || this.closed) return phase;
    if (this.mode === "bar") this.draw(phase, t);
    else this.stream.write(`${startLine(phase)}\n`);
    this.startTimer();
    return phase;
  }

  summary(): PhaseSummary[] {
    const t = this.now();
    return this.phases.map((p) => ({
      name: p.name,
      durationMs: (p.endedAt ?? t) - p.startedAt,
      count: p.endedAt === undefined ? p.count : p.finalCount,
      unit: p.unit,
    }));
  }

  current(): string | null {
    const top = this.open.at(-1);
    return top ? progressLine(top, this.now()) : null;
  }

  log = (message: string): void => {
    if (this.mode === "silent") return;
    this.clearBar();
    this.stream.write(`${message}\n`);
    this.redrawTop();
  };

  close(): void {
    this.stopTimer();
    this.clearBar();
    this.closed = true;
  }

  /** A phase's count moved (or the timer fired): print if its throttle allows. */
  refresh(phase: Phase, t: number): void {
    if (this.closed) return;
    if (this.mode === "bar") {
      const top = this.open.at(-1);
      if (top && t - this.lastDrawAt >= BAR_REDRAW_MS) this.draw(top, t);
    } else if (this.mode === "lines" && phase.endedAt === undefined && t - phase.lastLineAt >= this.intervalMs) {
      phase.lastLineAt = t;
      this.stream.write(`${progressLine(phase, t)}\n`);
    }
  }

  finish(phase: Phase): void {
    this.open.splice(this.open.indexOf(phase), 1);
    if (this.open.length === 0) this.stopTimer();
    if (this.mode === "silent" || this.closed) return;
    this.clearBar();
    this.stream.write(`${doneLine(phase)}\n`);
    this.redrawTop();
  }

  private draw(phase: Phase, t: number): void {
    const width = (this.stream.columns || 80) - 1; // the last column would wrap on some terminals
    this.stream.write(`${CLEAR_LINE}${barLine(phase, t, width)}`);
    this.barVisible = true;
    this.lastDrawAt = t;
  }

  private clearBar(): void {
    if (!this.barVisible) return;
    this.stream.write(CLEAR_LINE);
    this.barVisible = false;
  }

  private redrawTop(): void {
    const top = this.open.at(-1);
    if (this.mode === "bar" && top && !this.closed) this.draw(top, this.now());
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(
      () => {
        const t = this.now();
        for (const phase of this.mode === "bar" ? this.open.slice(-1) : [...this.open]) this.refresh(phase, t);
      },
      this.mode === "bar" ? BAR_REDRAW_MS : Math.min(this.intervalMs, LINES_TIMER_MS),
    );
    // Progress output must never keep the process alive.
    this.timer.unref();
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

interface PhaseStats {
  elapsedMs: number;
  /** Units per second, averaged over the phase; undefined before any time passed. */
  rate: number | undefined;
  /** 0..1 when the total is known. */
  fraction: number | undefined;
  etaMs: number | undefined;
}

function stats(phase: Phase, t: number): PhaseStats {
  const elapsedMs = Math.max(0, t - phase.startedAt);
  const rate = elapsedMs > 0 ? phase.count / (elapsedMs / 1000) : undefined;
  const { total } = phase;
  if (total === undefined) return { elapsedMs, rate, fraction: undefined, etaMs: undefined };
  const fraction = total > 0 ? Math.min(1, Math.max(0, phase.count / total)) : 1;
  const remaining = Math.max(0, total - phase.count);
  const etaMs = rate ? (remaining / rate) * 1000 : undefined;
  return { elapsedMs, rate, fraction, etaMs };
}

function startLine(phase: Phase): string {
  if (phase.total === undefined) return `${phase.name}: started`;
  return `${phase.name}: started, ${exact(phase.total, phase.unit)}${unitSuffix(phase.unit)}`;
}

function progressLine(phase: Phase, t: number): string {
  const s = stats(phase, t);
  const parts: string[] = [];
  const count = countText(phase, exact);
  if (count) parts.push(s.fraction === undefined ? count : `${count} (${percent(s.fraction)})`);
  if (s.rate !== undefined && phase.count > 0) parts.push(humanRate(s.rate, phase.unit));
  parts.push(`${formatDuration(s.elapsedMs)} elapsed`);
  if (s.etaMs !== undefined) parts.push(`ETA ${formatDuration(s.etaMs)}`);
  const note = noteText(phase, t);
  if (note) parts.push(note);
  return `${phase.name}: ${parts.join(", ")}`;
}

function doneLine(phase: Phase): string {
  const durationMs = (phase.endedAt ?? phase.startedAt) - phase.startedAt;
  let line = `✓ ${phase.name}`;
  const count = countText(phase, exact, false);
  if (count) line += `${SEPARATOR}${count}`;
  line += ` in ${formatDuration(durationMs)}`;
  if (phase.finalCount > 0 && durationMs > 0) line += ` (${humanRate(phase.finalCount / (durationMs / 1000), phase.unit)})`;
  return line;
}

/**
 * One line of at most `width` characters. When the terminal is narrow, fields
 * go in order of least use: elapsed, rate, count, then the bar (percent and
 * ETA say the same more briefly); the name is cut last.
 */
function barLine(phase: Phase, t: number, width: number): string {
  const s = stats(phase, t);
  const fields: Array<{ text: string; keep: number; bar?: true }> = [{ text: phase.name, keep: 9 }];
  if (s.fraction !== undefined) fields.push({ text: "", keep: 4, bar: true }, { text: percent(s.fraction), keep: 8 });
  const count = countText(phase, short);
  if (count) fields.push({ text: count, keep: 3 });
  if (s.rate !== undefined && phase.count > 0) fields.push({ text: humanRate(s.rate, phase.unit), keep: 2 });
  fields.push({ text: formatDuration(s.elapsedMs), keep: 1 });
  if (s.etaMs !== undefined) fields.push({ text: `ETA ${formatDuration(s.etaMs)}`, keep: 7 });
  const note = noteText(phase, t);
  if (note) fields.push({ text: note, keep: 0 });

  const length = () => fields.reduce((sum, f) => sum + (f.bar ? BAR_MIN + 2 : f.text.length), 0) + SEPARATOR.length * (fields.length - 1);
  while (length() > width && fields.length > 1) {
    const weakest = fields.reduce((a, b) => (b.keep < a.keep ? b : a));
    fields.splice(fields.indexOf(weakest), 1);
  }
  const bar = fields.find((f) => f.bar);
  if (bar) {
    const inner = Math.min(BAR_MAX, BAR_MIN + width - length());
    const filled = Math.round((s.fraction ?? 0) * inner);
    bar.text = `[${"█".repeat(filled)}${"░".repeat(inner - filled)}]`;
  }
  return fields
    .map((f) => f.text)
    .join(SEPARATOR)
    .slice(0, width);
}

// "now INSERT INTO dependencies (38 s)": what the phase is doing and since when.
function noteText(phase: Phase, t: number): string | null {
  return phase.noteText === null ? null : `now ${phase.noteText} (${formatDuration(Math.max(0, t - phase.noteSince))})`;
}

// "1,000,000/2,214,028 rows" (exact, for logs and final lines) or "1.0M/2.2M rows" (short, for the bar).
function countText(phase: Phase, format: (n: number, unit: string) => string, withTotal = true): string {
  const count = phase.endedAt === undefined ? phase.count : phase.finalCount;
  if (count === 0 && phase.total === undefined && !phase.unit) return "";
  const amount = withTotal && phase.total !== undefined ? `${format(count, phase.unit)}/${format(phase.total, phase.unit)}` : format(count, phase.unit);
  return `${amount}${unitSuffix(phase.unit)}`;
}

function exact(n: number, unit: string): string {
  return unit === "bytes" ? humanBytes(n) : groupDigits(n);
}

function short(n: number, unit: string): string {
  return unit === "bytes" ? humanBytes(n) : humanNumber(n);
}

// Bytes carry their unit in the number ("12.3 MB").
function unitSuffix(unit: string): string {
  return unit && unit !== "bytes" ? ` ${unit}` : "";
}

function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function percent(fraction: number): string {
  // Floored: 100% only once the count reaches the total.
  return `${Math.floor(fraction * 100)}%`;
}
