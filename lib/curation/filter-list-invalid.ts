import { UserError } from "../user-error";
import type { LineError } from "./filter-list-types";

/** A list text refused because of line errors (422); the editor shows each on its line. */
export class FilterListInvalid extends UserError {
  readonly lineErrors: LineError[];

  constructor(lineErrors: LineError[]) {
    const sorted = [...lineErrors].sort((a, b) => a.line - b.line);
    const first = sorted[0];
    super(
      "invalid",
      `The list has ${sorted.length} error${sorted.length === 1 ? "" : "s"}${first ? `, first on line ${first.line}: ${first.message}` : ""}. Nothing was saved.`,
      { body: first ? `Line ${first.line}: ${first.message}` : "Invalid list" },
    );
    this.name = "FilterListInvalid";
    this.lineErrors = sorted;
  }
}
