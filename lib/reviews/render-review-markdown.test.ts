import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { renderReviewMarkdown, reviewLinkRel, sanitizeReviewHtml } from "./render-review-markdown";
import { xssPayloads, xssReviewBody } from "./xss-payloads";

const allowedTags = new Set(["p", "br", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "hr"]);
const allowedAttributes: Record<string, string[]> = { a: ["href", "rel"], ol: ["start"] };

interface Element {
  name: string;
  attributes: Record<string, string>;
}

/** Every element of the HTML, parsed the way a browser tokenizes it (entities decoded). */
function elementsOf(html: string): Element[] {
  const elements: Element[] = [];
  const parser = new Parser({ onopentag: (name, attributes) => elements.push({ name, attributes }) }, { decodeEntities: true, lowerCaseTags: true });
  parser.write(html);
  parser.end();
  return elements;
}

/** The dangerous things a sanitized review must never contain. */
function expectSafe(html: string): void {
  for (const element of elementsOf(html)) {
    expect(allowedTags, `<${element.name}> in ${html}`).toContain(element.name);
    for (const [name, value] of Object.entries(element.attributes)) {
      expect(allowedAttributes[element.name] ?? [], `${name} on <${element.name}> in ${html}`).toContain(name);
      if (name === "href") {
        // Parsed as the browser would (tabs and newlines stripped, case folded).
        expect(["http:", "https:", "mailto:"], value).toContain(new URL(value).protocol);
      }
    }
    if (element.name === "a" && element.attributes.href) expect(element.attributes.rel).toBe(reviewLinkRel);
  }
  const lower = html.toLowerCase();
  for (const marker of ["<script", "<iframe", "<svg", "<img", "<style", "<object", "<embed", "<form", "<input", "<meta", "<base", "<!--", "<h1", "<h2", "javascript:", "vbscript:", "data:"]) {
    if (marker.endsWith(":")) {
      // Such schemes may appear as escaped text, never inside a tag.
      expect(/<[^>]*(javascript|vbscript|data):/i.test(html), `${marker} inside a tag in ${html}`).toBe(false);
    } else {
      expect(lower, `${marker} in ${html}`).not.toContain(marker);
    }
  }
}

describe("renderReviewMarkdown", () => {
  it("renders the allowed Markdown", () => {
    const html = renderReviewMarkdown(
      "Some *emphasis*, **strong**, ~~gone~~ and `code`.\n\n```rust\nfn main() {}\n```\n\n> quoted\n\n- one\n- two\n\n3. three\n4. four\n\n---\n\nline  \nbreak",
    );
    expect(html).toBe(
      [
        "<p>Some <em>emphasis</em>, <strong>strong</strong>, <del>gone</del> and <code>code</code>.</p>",
        "<pre><code>fn main() {}\n</code></pre>",
        "<blockquote>\n<p>quoted</p>\n</blockquote>",
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>",
        '<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>',
        "<hr />",
        "<p>line<br />\nbreak</p>",
      ].join("\n"),
    );
  });

  it("demotes headings so a review never emits h1 or h2", () => {
    expect(renderReviewMarkdown("# a\n\n## b\n\n### c\n\n#### d\n\n##### e\n\n###### f")).toBe(
      "<h3>a</h3>\n<h4>b</h4>\n<h5>c</h5>\n<h6>d</h6>\n<h6>e</h6>\n<h6>f</h6>",
    );
  });

  it("keeps http, https and mailto links, each nofollow ugc noopener, and linkifies URLs", () => {
    expect(renderReviewMarkdown("[docs](https://docs.rs/serde) <http://example.com/a?b=1&c=2> me@example.com")).toBe(
      `<p><a href="https://docs.rs/serde" rel="${reviewLinkRel}">docs</a> <a href="http://example.com/a?b=1&amp;c=2" rel="${reviewLinkRel}">http://example.com/a?b=1&amp;c=2</a> <a href="mailto:me@example.com" rel="${reviewLinkRel}">me@example.com</a></p>`,
    );
    expect(renderReviewMarkdown("see https://crates.io/crates/tokio.")).toContain(`<a href="https://crates.io/crates/tokio" rel="${reviewLinkRel}">`);
  });

  it("drops relative, fragment and protocol-relative links to their text", () => {
    expect(renderReviewMarkdown("[a](/admin) [b](#top) [c](//evil.example/x) [d](page.html)")).toBe("<p>[a](/admin) [b](#top) [c](//evil.example/x) [d](page.html)</p>");
  });

  it("keeps image alt text as a plain link instead of an image", () => {
    expect(renderReviewMarkdown("![diagram](https://example.com/d.png)")).toBe(`<p>!<a href="https://example.com/d.png" rel="${reviewLinkRel}">diagram</a></p>`);
  });

  it("shows raw HTML as text", () => {
    expect(renderReviewMarkdown('<b onclick="x()">bold</b>')).toBe('<p>&lt;b onclick="x()"&gt;bold&lt;/b&gt;</p>');
  });

  describe("renders every attack payload harmless", () => {
    for (const payload of xssPayloads) {
      it(payload.name, () => {
        expectSafe(renderReviewMarkdown(payload.markdown));
        // markdown-it escapes raw HTML, so the allowlist must hold on its own too.
        expectSafe(sanitizeReviewHtml(payload.markdown));
      });
    }

    it("all of them in one review", () => {
      expect(xssReviewBody.length).toBeLessThan(20_000);
      expectSafe(renderReviewMarkdown(xssReviewBody));
    });
  });

  it("keeps allowed markup through the allowlist alone, minus attributes", () => {
    expect(sanitizeReviewHtml('<h1 id="x">T</h1><p class="c" style="color:red">a <a href="HTTPS://Example.com/x" target="_blank" onclick="x()">b</a> <a href="/rel">c</a></p>')).toBe(
      `<h3>T</h3><p>a <a href="https://example.com/x" rel="${reviewLinkRel}">b</a> <a>c</a></p>`,
    );
  });
});
