import type { NextRequest } from "next/server";
import { siteOrigin } from "@/lib/http/site-origin";

export const dynamic = "force-dynamic";

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

// The OpenSearch description browsers discover from every page's
// <link rel="search">: it lets people add the site as a search engine and
// search crates from the address bar, with suggestions from /api/v1/suggest.
// URLs are absolute, on the site's public origin (siteOrigin).
export function GET(request: NextRequest): Response {
  const origin = escapeXml(siteOrigin(request));
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/" xmlns:moz="http://www.mozilla.org/2006/browser/search/">
  <ShortName>cratelist</ShortName>
  <Description>Search Rust crates on cratelist</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Url type="text/html" method="get" template="${origin}/search?q={searchTerms}"/>
  <Url type="application/x-suggestions+json" method="get" template="${origin}/api/v1/suggest?q={searchTerms}"/>
  <Url type="application/opensearchdescription+xml" rel="self" template="${origin}/opensearch.xml"/>
  <moz:SearchForm>${origin}/search</moz:SearchForm>
</OpenSearchDescription>
`;
  return new Response(body, {
    headers: { "content-type": "application/opensearchdescription+xml; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}
