import { formatDate, formatRelativeDate } from "@/lib/registry/format";

/** A date shown relative to now, with the calendar date for machines and on hover. */
export function TimeAgo({ date, now }: { date: Date; now?: Date }) {
  return (
    <time dateTime={date.toISOString()} title={formatDate(date)}>
      {formatRelativeDate(date, now)}
    </time>
  );
}
