import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOidcIssuer, type OidcIssuer } from "./oidc-issuer";

// The demo issuer as a relying party sees it: discovery, then the whole
// authorization code flow with PKCE through its login form, with plain fetch.

const client = { clientId: "test-client", clientSecret: "test-secret", redirectUri: "http://localhost:9/api/auth/callback/oidc" };

describe("startOidcIssuer", () => {
  let issuer: OidcIssuer;
  beforeAll(async () => {
    issuer = await startOidcIssuer({ port: 0, ...client, redirectUris: [client.redirectUri] });
  });
  afterAll(() => issuer.stop());

  it("serves discovery for its own URL on 127.0.0.1", async () => {
    expect(issuer.issuerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${issuer.issuerUrl}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(issuer.issuerUrl);
    expect(discovery.authorization_endpoint).toBe(`${issuer.issuerUrl}/auth`);
    expect(discovery.token_endpoint).toBe(`${issuer.issuerUrl}/token`);
    expect(discovery.userinfo_endpoint).toBe(`${issuer.issuerUrl}/me`);
    expect(discovery.claims_supported).toEqual(expect.arrayContaining(["sub", "email", "email_verified", "name"]));
    const jwks = (await (await fetch(String(discovery.jwks_uri))).json()) as { keys: { kty: string; d?: string }[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]!.kty).toBe("RSA");
    expect(jwks.keys[0]!.d).toBeUndefined();
  });

  it("signs anyone in under the login name they type, with the demo claims", async () => {
    const jar = new Map<string, string>();
    const go = async (url: string, init: RequestInit = {}) => {
      const response = await fetch(url, {
        ...init,
        redirect: "manual",
        headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(";");
        const [name, ...value] = pair!.split("=");
        jar.set(name!, value.join("="));
      }
      return response;
    };
    const absolute = (location: string | null) => new URL(location!, issuer.issuerUrl).toString();

    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const authorize = new URL(`${issuer.issuerUrl}/auth`);
    authorize.search = new URLSearchParams({
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      response_type: "code",
      scope: "openid email profile",
      state: "st4te",
      code_challenge: challenge,
      code_challenge_method: "S256",
    }).toString();

    const toLogin = await go(authorize.toString());
    expect(toLogin.status).toBe(303);
    const loginPage = await go(absolute(toLogin.headers.get("location")));
    const html = await loginPage.text();
    expect(html).toContain('name="login"');
    // Nothing on the page reaches outside the machine (the stock page imports a Google font).
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)/);
    const submit = /action="([^"]+)"/.exec(html)![1]!;

    const afterLogin = await go(absolute(submit), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ prompt: "login", login: "alice-test", password: "anything" }).toString(),
    });
    expect(afterLogin.status).toBe(303);
    // Back to the authorization endpoint, which answers the client: no consent step.
    const resumed = await go(absolute(afterLogin.headers.get("location")));
    const callback = new URL(absolute(resumed.headers.get("location")));
    expect(`${callback.origin}${callback.pathname}`).toBe(client.redirectUri);
    expect(callback.searchParams.get("state")).toBe("st4te");
    const code = callback.searchParams.get("code");
    expect(code).toBeTruthy();

    const token = await fetch(`${issuer.issuerUrl}/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`,
      },
      body: new URLSearchParams({ grant_type: "authorization_code", code: code!, redirect_uri: client.redirectUri, code_verifier: verifier }),
    });
    expect(token.status).toBe(200);
    const { access_token: accessToken, id_token: idToken } = (await token.json()) as { access_token: string; id_token: string };
    expect(idToken.split(".")).toHaveLength(3);

    const userinfo = await fetch(`${issuer.issuerUrl}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(await userinfo.json()).toEqual({ sub: "alice-test", name: "alice-test", email: "alice-test@example.test", email_verified: true });

    // A second sign-in in the same browser asks for the name again.
    const again = await go(authorize.toString().replace("st4te", "st4te2"));
    expect(absolute(again.headers.get("location"))).toContain("/interaction/");
  });

  it("refuses a callback it does not know", async () => {
    const authorize = new URL(`${issuer.issuerUrl}/auth`);
    authorize.search = new URLSearchParams({
      client_id: client.clientId,
      redirect_uri: "https://evil.example/callback",
      response_type: "code",
      scope: "openid",
      code_challenge: "x".repeat(43),
      code_challenge_method: "S256",
    }).toString();
    const response = await fetch(authorize, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("redirect_uri");
  });
});
