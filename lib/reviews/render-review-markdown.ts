import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

// Reviews are Markdown written by anyone with an account, shown to everyone:
// markdown-it renders them with raw HTML off (so "<script>" stays text), then
// sanitize-html keeps only a small allowlist, whatever markdown-it (or a bug in
// it) emitted. Both layers stay: either alone is one bug away from XSS.

const markdown = new MarkdownIt("default", { html: false, linkify: true, typographer: false })
  // An image would be dropped by the allowlist together with its alt text;
  // without the rule `![alt](url)` reads as "!" and a checked link.
  // Tables are off: the allowlist has no table tags and the pipes read better as text.
  .disable(["image", "table"]);
// A link markdown-it would emit but we would strip stays literal text instead.
markdown.validateLink = (url) => safeHref(url) !== null;

const allowedTags = ["p", "br", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "hr"];

/** Links may only leave for these; relative links, fragments and every other scheme lose their href. */
const allowedSchemes = ["http", "https", "mailto"];

export const reviewLinkRel = "nofollow ugc noopener";

/**
 * Tags renamed before the allowlist applies: the page around a review owns h1
 * and h2, so a review's headings start at h3; markdown-it writes ~~x~~ as <s>.
 * Every target must be allowed (sanitize-html 2.18 mislabels later closing
 * tags after a renamed tag is discarded).
 */
const renamedTags: Record<string, string> = { h1: "h3", h2: "h4", h3: "h5", h4: "h6", h5: "h6", h6: "h6", s: "del", strike: "del" };

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags,
  allowedAttributes: { a: ["href", "rel"], ol: ["start"] },
  allowedSchemes,
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  // Dropped with their content, not turned into text.
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "iframe", "svg", "math", "object", "embed", "template"],
  disallowedTagsMode: "discard",
  transformTags: {
    ...Object.fromEntries(Object.entries(renamedTags).map(([from, to]) => [from, () => ({ tagName: to, attribs: {} })])),
    a: (_tagName, attribs) => {
      const href = safeHref(attribs.href);
      // validateLink keeps markdown-it from emitting such links; should one get
      // here anyway it loses its href and goes nowhere (see renamedTags on why
      // it is not renamed to a discarded tag).
      const kept: sanitizeHtml.Attributes = href ? { href, rel: reviewLinkRel } : {};
      return { tagName: "a", attribs: kept };
    },
  },
};

/** An absolute http(s) or mailto URL as the browser will read it, or null. */
function safeHref(raw: string | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    // No base: relative references fail to parse and are refused. The URL
    // parser strips tabs and newlines the way browsers do ("jav\tascript:").
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!allowedSchemes.includes(url.protocol.slice(0, -1))) return null;
  return url.href;
}

/** A review's Markdown as HTML that is safe to insert into a page as is. */
export function renderReviewMarkdown(body: string): string {
  return sanitizeReviewHtml(markdown.render(body));
}

/** The allowlist alone (exported so tests can attack it without markdown-it's escaping in front). */
export function sanitizeReviewHtml(html: string): string {
  return sanitizeHtml(html, sanitizeOptions).trim();
}
