"use client";

import { useActionState, useEffect, useRef } from "react";
import { criteria, criterionLabels, experienceLabels, type Criterion } from "@/lib/reviews/review-views";
import type { ReviewExperience } from "@/lib/generated/prisma/client";
import { idleReviewForm, type ReviewFormState, type ReviewFormValues } from "./form-states";

const fieldLabels: Record<string, string> = {
  version: "Version",
  experience: "Experience",
  body: "Review",
  crateName: "Crate",
  ...criterionLabels,
};

const scoreWords = ["poor", "weak", "fair", "good", "excellent"] as const;

const experiences = Object.keys(experienceLabels) as ReviewExperience[];

function errorId(field: string): string {
  return `${field}-error`;
}

function FieldError({ field, message }: { field: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={errorId(field)} className="mt-1 text-sm font-medium text-danger">
      {message}
    </p>
  );
}

/** One criterion as a group of radio buttons 1..5, plus "not rated" unless it is the required overall rating. */
function RatingField({ criterion, value, error }: { criterion: Criterion; value: string; error: string | undefined }) {
  const required = criterion === "overall";
  const choices = required ? ["1", "2", "3", "4", "5"] : ["", "1", "2", "3", "4", "5"];
  return (
    <fieldset
      id={`field-${criterion}`}
      aria-describedby={error ? errorId(criterion) : undefined}
      className="min-w-0 rounded border border-line p-3"
    >
      <legend className="px-1 font-medium">
        {criterionLabels[criterion]}
        {required ? <span className="font-normal text-subtle"> (required)</span> : null}
      </legend>
      <div className="flex flex-wrap gap-2">
        {choices.map((choice) => {
          const id = `${criterion}-${choice || "none"}`;
          return (
            <label
              key={id}
              htmlFor={id}
              className="inline-flex cursor-pointer items-center gap-1.5 rounded border border-line px-2 py-1 text-sm has-[:checked]:border-brand has-[:checked]:bg-brand-soft has-[:checked]:font-semibold has-[:checked]:text-brand"
            >
              <input
                type="radio"
                id={id}
                name={criterion}
                value={choice}
                defaultChecked={value === choice}
                required={required}
              />
              {choice === "" ? (
                "Not rated"
              ) : (
                <>
                  {choice}
                  <span className="sr-only"> out of 5</span>
                  <span className="text-xs text-subtle"> {scoreWords[Number(choice) - 1]}</span>
                </>
              )}
            </label>
          );
        })}
      </div>
      <FieldError field={criterion} message={error} />
    </fieldset>
  );
}

/**
 * The review form: a plain form posting to a server action, so it works
 * without JavaScript (the server renders it again with the messages and what
 * was typed); with JavaScript, useActionState does the same without a reload.
 */
export function ReviewForm({
  action,
  crateName,
  versions,
  initial,
  editing,
  bodyMaxLength,
}: {
  action: (state: ReviewFormState, formData: FormData) => Promise<ReviewFormState>;
  crateName: string;
  /** Versions to choose from, newest first. */
  versions: string[];
  initial: ReviewFormValues;
  editing: boolean;
  bodyMaxLength: number;
}) {
  const [state, formAction, pending] = useActionState(action, idleReviewForm);
  const values = state.values ?? initial;
  const summaryRef = useRef<HTMLDivElement>(null);
  const fields = state.fields;

  // After a failed submission, move focus to the summary so it is read out.
  useEffect(() => {
    if (state.status === "error") summaryRef.current?.focus();
  }, [state]);

  // Versions no longer listed (a removed crate version) stay choosable when editing.
  const versionChoices = values.version && !versions.includes(values.version) ? [values.version, ...versions] : versions;
  const fieldErrors = Object.entries(fields);

  return (
    <form key={state.attempt} action={formAction} className="space-y-6">
      <input type="hidden" name="crateName" value={crateName} />
      {state.status === "error" ? (
        <div
          ref={summaryRef}
          tabIndex={-1}
          role="alert"
          className="rounded border border-danger/40 bg-danger-soft px-4 py-3 text-danger"
        >
          <p className="font-semibold">
            {fieldErrors.length > 0 ? "The review was not saved: see the messages below." : (state.message ?? "The review was not saved.")}
          </p>
          {fieldErrors.length > 0 ? (
            <ul className="mt-1 list-disc pl-5 text-sm">
              {fieldErrors.map(([field, message]) => (
                <li key={field}>
                  <a href={`#field-${field}`} className="text-danger">
                    {fieldLabels[field] ?? field}: {message}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <div id="field-version">
        <label htmlFor="version" className="block font-medium">
          Version you used
        </label>
        <select
          id="version"
          name="version"
          defaultValue={values.version}
          required
          aria-invalid={fields.version ? true : undefined}
          aria-describedby={fields.version ? errorId("version") : undefined}
          className="mt-1 rounded border border-line bg-page px-2 py-1 font-mono"
        >
          {versionChoices.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
        <FieldError field="version" message={fields.version} />
      </div>

      <fieldset
        id="field-experience"
        aria-describedby={fields.experience ? errorId("experience") : undefined}
        className="min-w-0"
      >
        <legend className="font-medium">How well do you know it?</legend>
        <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
          {experiences.map((experience) => (
            <label key={experience} className="inline-flex items-center gap-2">
              <input
                type="radio"
                name="experience"
                value={experience}
                defaultChecked={values.experience === experience}
                required
              />
              {experienceLabels[experience]}
            </label>
          ))}
        </div>
        <FieldError field="experience" message={fields.experience} />
      </fieldset>

      <div className="space-y-3">
        <p className="font-medium">Ratings, from 1 (poor) to 5 (excellent)</p>
        <p className="text-sm text-subtle">Only the overall rating is required: leave out what you cannot judge.</p>
        {criteria.map((criterion) => (
          <RatingField key={criterion} criterion={criterion} value={values[criterion]} error={fields[criterion]} />
        ))}
      </div>

      <div id="field-body">
        <label htmlFor="body" className="block font-medium">
          Your review
        </label>
        <p id="body-help" className="text-sm text-subtle">
          Markdown: <code>**bold**</code>, <code>*italic*</code>, <code>`code`</code>, code blocks, lists, quotes and
          links to http(s) addresses (marked nofollow). HTML, images and tables are not allowed and show as text;
          headings are shown small. At most {bodyMaxLength.toLocaleString("en-US")} characters.
        </p>
        <textarea
          id="body"
          name="body"
          rows={10}
          required
          maxLength={bodyMaxLength}
          defaultValue={values.body}
          aria-invalid={fields.body ? true : undefined}
          aria-describedby={fields.body ? `body-help ${errorId("body")}` : "body-help"}
          className="mt-1 w-full rounded border border-line bg-page px-3 py-2 font-mono text-sm"
        />
        <FieldError field="body" message={fields.body} />
      </div>

      <button
        type="submit"
        disabled={pending}
        className="rounded bg-brand px-4 py-2 font-semibold text-on-brand hover:bg-brand-strong disabled:opacity-60"
      >
        {pending ? "Saving…" : editing ? "Save changes" : "Publish review"}
      </button>
    </form>
  );
}
