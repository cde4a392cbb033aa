import MarkdownIt from "markdown-it";

// Our own documentation (lib/curation/README.md), not user input: markdown-it
// with raw HTML off is enough. The page owns the h1, so the README's first
// heading becomes the page title and every other heading moves one level
// down; headings get ids so sections can be linked.

const markdown = new MarkdownIt("default", { html: false, linkify: true, typographer: false });

// Code blocks may scroll sideways: focusable so keyboard users can scroll them (WCAG 2.1.1).
const defaultFence = markdown.renderer.rules.fence!;
markdown.renderer.rules.fence = (...args) => defaultFence(...args).replace(/^<pre>/, '<pre tabindex="0">');

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, "")
    .trim()
    .replace(/\s+/g, "-");
}

export function renderDocsMarkdown(source: string): { title: string | null; html: string } {
  const tokens = markdown.parse(source, {});
  let title: string | null = null;
  if (tokens[0]?.type === "heading_open" && tokens[0].tag === "h1") {
    title = tokens[1]?.content ?? null;
    tokens.splice(0, 3);
  }
  const used = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.type !== "heading_open" && token.type !== "heading_close") return;
    const level = Math.min(6, Number(token.tag.slice(1)) + (token.tag === "h1" ? 1 : 0));
    token.tag = `h${Math.max(2, level)}`;
    if (token.type === "heading_open") {
      const base = slugify(tokens[i + 1]?.content ?? "") || "section";
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      token.attrSet("id", id);
    }
  });
  return { title, html: markdown.renderer.render(tokens, markdown.options, {}) };
}
