import { expect, test, type APIRequestContext } from "@playwright/test";

test("GET /api/v1/search answers ranked results with the documented shape", async ({ request }) => {
  const response = await request.get("/api/v1/search?q=serde&per_page=5");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.total).toBeGreaterThan(1);
  expect(body.results).toHaveLength(5);
  expect(body.results[0]).toMatchObject({ name: "serde", exact_match: true });
  for (const key of ["name", "description", "max_version", "downloads", "reverse_dependencies"]) {
    expect(body.results[0]).toHaveProperty(key);
  }
  expect(typeof body.results[0].downloads).toBe("number");
  expect(body.results[0].rank.quality).toBeGreaterThan(0);
  expect(body.facets).toBeNull();
  expect(body.backend).toBe("postgres");
});

test("GET /api/v1/search filters, sorts and counts facets", async ({ request }) => {
  const all = await (await request.get("/api/v1/search?facets=true&per_page=1")).json();
  const category = all.facets.category[0];
  const response = await request.get(
    `/api/v1/search?category=${encodeURIComponent(category.value)}&sort=downloads&per_page=100`,
  );
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.total).toBe(category.count);
  const downloads = body.results.map((r: { downloads: number }) => r.downloads);
  expect(downloads).toEqual([...downloads].sort((a, b) => b - a));
});

test("GET /api/v1/search rejects unknown sorts, facets and filter values with a 400", async ({ request }) => {
  for (const [query, message] of [
    ["sort=stars", /sort must be one of/],
    ["facets=maybe", /facets must be true or false/],
    ["category=no-such-category", /unknown category/],
    ["keyword=no-such-keyword-anywhere", /unknown keyword/],
    ["page=1001", /page must be at most 1000/],
  ] as const) {
    const response = await request.get(`/api/v1/search?q=serde&${query}`);
    expect(response.status(), query).toBe(400);
    expect((await response.json()).error, query).toMatch(message);
  }
});

test("GET /api/v1/search rejects bad paging with a 400 and a message", async ({ request }) => {
  for (const query of ["page=0", "page=abc", "per_page=1000", "per_page=-1"]) {
    const response = await request.get(`/api/v1/search?q=serde&${query}`);
    expect(response.status(), query).toBe(400);
    expect((await response.json()).error, query).toMatch(/page/);
  }
});

test("GET /api/v1/search never fails on hostile queries", async ({ request }) => {
  for (const q of ["& | ! :* ( ) <->", "\\'\"", "x".repeat(10_000), "\u202e\u200f", "🦀"]) {
    const response = await request.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
    expect(response.status()).toBe(200);
    expect(Array.isArray((await response.json()).results)).toBe(true);
  }
});

test("GET /api/v1/crates/<name> answers the crate, and 404 for an unknown one", async ({ request }) => {
  const response = await request.get("/api/v1/crates/tokio");
  expect(response.status()).toBe(200);
  const crate = await response.json();
  expect(crate.name).toBe("tokio");
  expect(crate.versions.length).toBeGreaterThan(0);
  expect(crate.dependencies.some((d: { name: string }) => d.name === "mio")).toBe(true);

  const missing = await request.get("/api/v1/crates/no-such-crate-anywhere");
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error).toMatch(/not found/);
});

test("every page names an OpenSearch description whose templates search and suggest crates", async ({ page, request }) => {
  await page.goto("/crates/serde");
  const link = page.locator('head link[rel="search"]');
  await expect(link).toHaveAttribute("type", "application/opensearchdescription+xml");
  const description = await request.get((await link.getAttribute("href"))!);
  expect(description.status()).toBe(200);
  expect(description.headers()["content-type"]).toMatch(/^application\/opensearchdescription\+xml/);
  const xml = await description.text();
  const template = (type: string) => new RegExp(`<Url type="${type.replace(/[+/]/g, "\\$&")}" method="get" template="([^"]+)"`).exec(xml)?.[1];
  const htmlTemplate = template("text/html");
  const suggestTemplate = template("application/x-suggestions+json");
  const origin = new URL(page.url()).origin;
  expect(htmlTemplate).toBe(`${origin}/search?q={searchTerms}`);
  expect(suggestTemplate).toBe(`${origin}/api/v1/suggest?q={searchTerms}`);

  // What a browser does with the address bar's text.
  await page.goto(htmlTemplate!.replace("{searchTerms}", encodeURIComponent("http client")));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results for “http client”");

  const suggestions = await request.get(suggestTemplate!.replace("{searchTerms}", "serde"));
  expect(suggestions.status()).toBe(200);
  expect(suggestions.headers()["content-type"]).toMatch(/^application\/x-suggestions\+json/);
  const [query, names, descriptions, urls] = await suggestions.json();
  expect(query).toBe("serde");
  // The same crates, in the same order, as the search API's first 8 results.
  const search = await (await request.get("/api/v1/search?q=serde&per_page=8")).json();
  expect(names).toEqual(search.results.map((r: { name: string }) => r.name));
  expect(names[0]).toBe("serde");
  expect(descriptions).toEqual(search.results.map((r: { description: string | null }) => r.description ?? ""));
  expect(urls[0]).toBe(`${origin}/crates/serde`);
});

test("GET /api/v1/suggest answers an empty list for no text, survives hostile text and refuses an unknown view", async ({ request }) => {
  expect(await (await request.get("/api/v1/suggest?q=")).json()).toEqual(["", [], [], []]);
  for (const q of ["& | ! :* ( ) <->", "\u0000", "x".repeat(10_000), "🦀"]) {
    const response = await request.get(`/api/v1/suggest?q=${encodeURIComponent(q)}`);
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body[0]).toBe(q);
    expect(body[1]).toEqual(expect.any(Array));
  }
  const unknownView = await request.get("/api/v1/suggest?q=serde&view=no-such-view");
  expect(unknownView.status()).toBe(400);
  expect((await unknownView.json()).error).toMatch(/unknown view "no-such-view"/);
});

// A client address of its own per run (documentation range), so that retries and other tests start with a full bucket.
const limitedIp = () => `198.51.100.${1 + Math.floor(Math.random() * 254)}`;

/** Searches as the client at `ip` until one is refused (scripts/e2e-server.ts allows bursts of 2); returns how many went through and the refusal. */
async function searchUntilRefused(request: APIRequestContext, ip: string) {
  for (let allowed = 0; allowed < 20; allowed++) {
    const response = await request.get("/api/v1/suggest?q=", { headers: { "x-real-ip": ip } });
    if (response.status() === 429) return { allowed, response };
    expect(response.status()).toBe(200);
  }
  throw new Error("20 searches from one address were all answered");
}

test("searches from one address past the limit get a 429 that says when to retry; other addresses are not affected", async ({ request }) => {
  const ip = limitedIp();
  const { allowed, response } = await searchUntilRefused(request, ip);
  expect(allowed).toBe(2); // SEARCH_RATE_LIMIT_PER_MINUTE 6 (scripts/e2e-server.ts): bursts of 2, then one per 10 s
  expect(Number(response.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect((await response.json()).error).toMatch(/^Too many searches from your network \(IP address\): the limit is 6 a minute\. Try again in \d+ s\.$/);

  const api = await request.get("/api/v1/search?q=serde", { headers: { "x-real-ip": ip } });
  expect(api.status()).toBe(429);
  // The search page says so in the page (a page cannot answer 429 from Next.js's app router).
  const page = await request.get("/search?q=serde", { headers: { "x-real-ip": ip } });
  expect(await page.text()).toMatch(/<p role="alert"[^>]*>Too many searches from your network \(IP address\)/);
  // Pages other than search are not limited, nor is another address.
  expect((await request.get("/crates/serde", { headers: { "x-real-ip": ip } })).status()).toBe(200);
  expect((await request.get("/api/v1/search?q=serde", { headers: { "x-real-ip": "203.0.113.9" } })).status()).toBe(200);
});

test("the instant-search box says when this network has searched too much", async ({ page, request }) => {
  const ip = limitedIp();
  await page.setExtraHTTPHeaders({ "x-real-ip": ip });
  await page.goto("/");
  await searchUntilRefused(request, ip);
  await page.getByRole("banner").getByRole("combobox", { name: "Search crates" }).fill("serde");
  await expect(page.getByRole("banner").getByRole("status")).toHaveText(/^Too many searches from your network .*Try again in \d+ s\.$/);
});
