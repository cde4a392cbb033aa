import { IngestError } from "../ingest-error";

const utf8 = new TextDecoder("utf-8", { fatal: true });

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

/**
 * The body of a 200 as text, refusing answers that are plainly not index data
 * (an error page from a proxy, CDN or captive portal), so they fail with a
 * clear message instead of a JSON error on line 1, and are not retried.
 */
export function decodeIndexBody(url: string, headers: Headers, body: Uint8Array): string {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch (error) {
    throw new IngestError(url, null, "body is not UTF-8 text, so not index data", { cause: error });
  }
  const contentType = headers.get("content-type");
  if (contentType !== null && /html/i.test(contentType)) {
    throw new IngestError(url, null, `expected index data, got a ${contentType.split(";")[0]} page: "${snippet(text)}"`);
  }
  const first = text.search(/\S/);
  if (first !== -1 && text[first] === "<") {
    const line = text.slice(0, first).split("\n").length;
    throw new IngestError(url, line, `expected index data, got markup (an HTML or XML page?): "${snippet(text.slice(first))}"`);
  }
  return text;
}
