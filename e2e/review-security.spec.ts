import { test, type Page } from "@playwright/test";
import { xssPayloads, xssReviewBody } from "../lib/reviews/xss-payloads";
import { expect, reviewBy, reviewJsonBy, serverActionFields, signedIn, uniqueLogin, writeReview } from "./review-steps";

// What a hostile reviewer can do to readers, tried in Chromium: every attack
// payload of lib/reviews/xss-payloads.ts saved as a review body and rendered,
// both as the server sends the page and as the client renders it after the
// form's redirect; and a cross-site POST to the review form's server action.

test.describe.configure({ timeout: 240_000 });

/** Review saves per account and hour that saveReview allows (lib/reviews/rate-limit.ts). */
const SAVES_PER_ACCOUNT = 10;

/** Fails the test on any dialog (alert, confirm, prompt) the page opens. */
function failOnDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return dialogs;
}

/**
 * Nothing a review body carried is live in the page: no script element or
 * active element inside review bodies, no `on…` attribute and no script URL
 * anywhere in the document, links marked nofollow and ugc, and no payload
 * ran (no dialog, no `window.__xss`, still on our page).
 */
async function expectInert(page: Page, dialogs: string[], what: string) {
  await page.waitForLoadState("load");
  const report = await page.evaluate(() => {
    const scriptUrl = /^(javascript|vbscript|data:text\/html)/;
    // React puts this action on forms it handles itself (our vote and report
    // forms) so that a stray native submit throws: a fixed string, not user input.
    const reactFormGuard = "javascript:throw new Error('A React form was unexpectedly submitted.";
    const squash = (value: string) => value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
    const bodies = [...document.querySelectorAll(".review-body")];
    const eventAttributes: string[] = [];
    const scriptUrls: string[] = [];
    for (const element of document.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        if (attribute.name.toLowerCase().startsWith("on")) eventAttributes.push(`<${element.localName} ${attribute.name}>`);
        if (attribute.name === "action" && element.localName === "form" && attribute.value.startsWith(reactFormGuard)) continue;
        if (/^(href|src|action|formaction|data|xlink:href|srcdoc|background|poster)$/i.test(attribute.name) && scriptUrl.test(squash(attribute.value))) {
          scriptUrls.push(`<${element.localName} ${attribute.name}="${attribute.value}">`);
        }
      }
    }
    const links = bodies.flatMap((body) => [...body.querySelectorAll("a")]);
    return {
      bodies: bodies.length,
      activeInBodies: bodies.flatMap((body) =>
        [...body.querySelectorAll("script, iframe, object, embed, form, input, button, style, meta, base, svg, math, img, template, noscript")].map(
          (e) => e.localName,
        ),
      ),
      eventAttributes,
      scriptUrls,
      links: links.map((a) => ({ href: a.getAttribute("href") ?? "", rel: a.rel })),
      xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
      url: location.href,
    };
  });
  expect(report.bodies, what).toBeGreaterThan(0);
  expect(dialogs, what).toEqual([]);
  expect(report.xss, what).toBeNull();
  expect(report.url, what).toMatch(/^http:\/\/localhost:\d+\//);
  expect(report.activeInBodies, what).toEqual([]);
  expect(report.eventAttributes, what).toEqual([]);
  expect(report.scriptUrls, what).toEqual([]);
  for (const link of report.links) {
    expect(link.rel.split(/\s+/), `${what}: ${link.href}`).toEqual(expect.arrayContaining(["nofollow", "ugc"]));
    expect(link.href, what).toMatch(/^(https?:\/\/|mailto:)/);
  }
  return report;
}

test("all payloads in one review: inert when the client renders it and when the server does", async ({ browser }) => {
  const login = uniqueLogin("sec-xss-all");
  const { context, page } = await signedIn(browser, login);
  const dialogs = failOnDialogs(page);
  // Through the form with JavaScript: the redirect renders the page on the client.
  await writeReview(page, "unicode-segmentation", { experience: "Read the source", overall: 3, body: "A harmless first draft." });
  await writeReview(page, "unicode-segmentation", { body: xssReviewBody });
  await expect(reviewBy(page, login)).toBeVisible();
  const clientRendered = await expectInert(page, dialogs, "client-rendered");
  // The links that survive (https and mailto ones) are there and marked.
  expect(clientRendered.links.length).toBeGreaterThan(0);

  for (const path of ["/crates/unicode-segmentation/reviews", "/crates/unicode-segmentation"]) {
    await page.goto(path);
    await expect(reviewBy(page, login)).toBeVisible();
    await expectInert(page, dialogs, `server-rendered ${path}`);
  }
  // The history shows both bodies as Markdown text: no element from them, nothing run.
  await reviewBy(page, login).getByRole("link", { name: /edited/ }).click();
  await expect(page.getByRole("main").getByRole("article")).toHaveCount(2);
  await expect(page.getByRole("main").getByRole("article").first()).toContainText("<script>alert(1)</script>");
  expect(await page.locator("main pre *").count()).toBe(0);
  expect(dialogs).toEqual([]);
  await context.close();
});

// Each payload alone in its own review, so no payload is neutralised by its
// neighbours in a combined body. An account may save 10 reviews an hour
// (lib/reviews/rate-limit.ts), so accounts take turns: account i writes
// payload j on crate j % crates, and each crate's page then shows several
// payloads side by side, each rendered on its own.
const xssCrates = ["unicode-width", "unicode-xid", "unicode-ident", "unicode-bidi", "unicode-normalization", "tinyvec", "tinyvec_macros", "try-lock", "want"];

test("every payload alone in a review: nothing runs, server- or client-rendered", async ({ browser, request }) => {
  // 7 accounts, 61 saves and 27 page loads.
  test.setTimeout(600_000);
  const singles = xssPayloads.filter((p) => !p.markdown.includes("\0"));
  const accounts = Math.ceil(singles.length / xssCrates.length);
  expect(xssCrates.length).toBeLessThanOrEqual(SAVES_PER_ACCOUNT);
  const versions = new Map<string, string>();
  for (const crate of xssCrates) versions.set(crate, (await (await request.get(`/api/v1/crates/${crate}`)).json()).default_version);

  for (let a = 0; a < accounts; a++) {
    const login = uniqueLogin(`sec-xss-${a}`);
    const { context, page } = await signedIn(browser, login, { javaScript: false });
    // The review form's server-action fields, posted directly for each crate.
    await page.goto(`/crates/${xssCrates[0]}/reviews/write`);
    const fields = await serverActionFields(page.locator("form:has(#body)"));
    const origin = new URL(page.url()).origin;
    for (const [c, crate] of xssCrates.entries()) {
      const payload = singles[a * xssCrates.length + c];
      if (!payload) break;
      const response = await page.request.post(`/crates/${crate}/reviews/write`, {
        multipart: { ...fields, crateName: crate, version: versions.get(crate)!, experience: "tried_briefly", overall: "2", body: payload.markdown },
        headers: { Origin: origin },
        maxRedirects: 0,
      });
      expect(response.status(), payload.name).toBe(303);
    }
    await context.close();
  }

  const reader = await signedIn(browser, uniqueLogin("sec-xss-reader"));
  const page = reader.page;
  const dialogs = failOnDialogs(page);
  for (const [c, crate] of xssCrates.entries()) {
    const names = singles.filter((_, j) => j % xssCrates.length === c).map((p) => p.name);
    const what = `${crate}: ${names.join(" | ")}`;
    // As the server sends it (the HTML parser would run scripts)...
    await page.goto(`/crates/${crate}/reviews`);
    const serverRendered = await expectInert(page, dialogs, `${what} (server-rendered)`);
    expect(serverRendered.bodies, what).toBeGreaterThanOrEqual(names.length);
    // ...and as the client renders it after a link is followed (innerHTML).
    await page.goto(`/crates/${crate}`);
    await page.getByRole("link", { name: /^All \d+ reviews?$/ }).click();
    await expect(page).toHaveURL(new RegExp(`/crates/${crate}/reviews$`));
    await expect(page.getByRole("heading", { level: 1, name: `Reviews of ${crate}` })).toBeVisible();
    const clientRendered = await expectInert(page, dialogs, `${what} (client-rendered)`);
    expect(clientRendered.bodies, what).toBe(serverRendered.bodies);
  }
  await reader.context.close();
});

test("a review form posted from another site (CSRF) changes nothing; the same post from the site does", async ({ browser, request }) => {
  const login = uniqueLogin("sec-csrf");
  const author = await signedIn(browser, login);
  await writeReview(author.page, "semver", { experience: "Use it in production", overall: 5, body: "The original text." });
  const before = await reviewJsonBy(request, "semver", login);
  expect(before?.body_html).toContain("The original text.");

  // The form as the server renders it (no JavaScript), with its action's hidden fields.
  const noJs = await browser.newContext({ storageState: await author.context.storageState(), javaScriptEnabled: false });
  const formPage = await noJs.newPage();
  await formPage.goto("/crates/semver/reviews/write");
  const fields = await serverActionFields(formPage.locator("form:has(#body)"));
  const forged = {
    ...fields,
    version: before!.version,
    experience: "tried_briefly",
    overall: "1",
    body: "Forged from another site.",
  };
  const origin = new URL(author.page.url()).origin;

  // The browser would send the session cookie along; Next refuses the action
  // because the Origin is not this site.
  const crossSite = await author.page.request.post("/crates/semver/reviews/write", {
    multipart: forged,
    headers: { Origin: "http://evil.example" },
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBeGreaterThanOrEqual(400);
  const after = await reviewJsonBy(request, "semver", login);
  expect(after?.body_html).toBe(before!.body_html);
  expect(after?.ratings.overall).toBe(5);
  expect(after?.updated_at).toBe(before!.updated_at);

  // Control: the identical post from this site's origin is accepted, so the
  // refusal above was the origin check and nothing else.
  const sameSite = await author.page.request.post("/crates/semver/reviews/write", {
    multipart: forged,
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  expect(sameSite.status()).toBe(303);
  expect(sameSite.headers().location).toMatch(/\/crates\/semver\/reviews\?saved=updated#review-\d+$/);
  const controlled = await reviewJsonBy(request, "semver", login);
  expect(controlled?.body_html).toContain("Forged from another site.");
  expect(controlled?.ratings.overall).toBe(1);

  await noJs.close();
  await author.context.close();
});

test("server actions refuse anonymous posts: voting and saving need a session", async ({ browser, request }) => {
  const login = uniqueLogin("sec-anon");
  const author = await signedIn(browser, login);
  await writeReview(author.page, "semver", { experience: "Tried it briefly", overall: 4, body: "Anonymous posts must not touch this." });
  const reader = await signedIn(browser, uniqueLogin("sec-anon-reader"), { javaScript: false });
  await reader.page.goto("/crates/semver/reviews");
  const voteFields = await serverActionFields(
    reviewBy(reader.page, login).locator("form", { has: reader.page.locator('input[name="helpful"]') }),
  );
  await reader.page.goto("/crates/semver/reviews/write");
  const saveFields = await serverActionFields(reader.page.locator("form:has(#body)"));
  const origin = new URL(author.page.url()).origin;

  // `request` has no session cookie: an anonymous visitor replaying the forms.
  const vote = await request.post("/crates/semver/reviews", { multipart: { ...voteFields, helpful: "true" }, headers: { Origin: origin } });
  expect(vote.status()).toBeLessThan(500);
  expect((await reviewJsonBy(request, "semver", login))?.helpful).toBe(0);

  const save = await request.post("/crates/semver/reviews/write", {
    multipart: { ...saveFields, experience: "tried_briefly", overall: "1", body: "anonymous", version: "1.0.0" },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  // Sent to sign in, nothing saved.
  expect(save.status()).toBe(303);
  expect(save.headers().location).toMatch(/^\/signin\?callbackUrl=/);
  const { reviews } = await (await request.get("/api/v1/crates/semver/reviews?per_page=50")).json();
  expect(reviews.some((r: { body_html: string }) => r.body_html.includes("anonymous"))).toBe(false);

  await author.context.close();
  await reader.context.close();
});
