import { UserError } from "../user-error";

/**
 * A request's body as bytes, refusing (413) more than `maxBytes` without
 * reading it all: a declared Content-Length over the limit is refused before
 * reading, and a body that grows past it (chunked, or a lying header) is cut
 * off there. `what` names the body in the message ("The Cargo.lock").
 */
export async function readLimitedBody(request: Request, maxBytes: number, what: string): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = (size: string) =>
    new UserError("too_large", `${what} is ${size}; at most ${(maxBytes / 1024 / 1024).toFixed(1)} MB is accepted.`);
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(`${(declared / 1024 / 1024).toFixed(1)} MB`);
  if (!request.body) return new Uint8Array(0);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(`over ${(maxBytes / 1024 / 1024).toFixed(1)} MB`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * A multipart/form-data body read with readLimitedBody's limit (`maxBytes`
 * counts the whole envelope), then parsed; a body that is not a readable form
 * is a 422 saying `unreadable`.
 */
export async function readLimitedForm(request: Request, maxBytes: number, unreadable: string): Promise<FormData> {
  const body = await readLimitedBody(request, maxBytes, "The upload");
  return new Response(body, { headers: { "Content-Type": request.headers.get("content-type") ?? "" } }).formData().catch(() => {
    throw new UserError("invalid", unreadable);
  });
}
