import type { ReactNode } from "react";

const tones = {
  neutral: "bg-panel text-subtle border-line",
  brand: "bg-brand-soft text-brand border-brand/40",
  warn: "bg-warn-soft text-warn border-warn/40",
  danger: "bg-danger-soft text-danger border-danger/40",
  ok: "bg-ok-soft text-ok border-ok/40",
} as const;

export type BadgeTone = keyof typeof tones;

export function Badge({ tone = "neutral", title, children }: { tone?: BadgeTone; title?: string; children: ReactNode }) {
  return (
    <span
      title={title}
      className={`inline-flex items-center rounded border px-1.5 py-px text-xs font-medium whitespace-nowrap ${tones[tone]}`}
    >
      {children}
    </span>
  );
}
