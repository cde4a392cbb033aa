// Shared by the parser, the upload routes and the browser's drop zone (which
// is why this file imports nothing): a Cargo.lock of a large workspace is
// well under 1 MB and 1,500 packages, so these bounds only stop abuse.

/** The largest lockfile accepted, in bytes. */
export const MAX_LOCKFILE_BYTES = 5 * 1024 * 1024;

/** The most `[[package]]` entries (plus a `[root]`) a lockfile may have. */
export const MAX_LOCKFILE_PACKAGES = 10_000;
/** A form upload of a lockfile: the file and room for the multipart envelope around it. */
export const MAX_LOCKFILE_FORM_BYTES = MAX_LOCKFILE_BYTES + 64 * 1024;
