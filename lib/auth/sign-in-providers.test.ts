import { describe, expect, it } from "vitest";
import { parseAuthEnv } from "../env";
import { listSignInProviders } from "./sign-in-providers";

// The sign-in settings as an operator writes them, and the buttons they give.

const secret = "s".repeat(40);

describe("sign-in settings", () => {
  it("configure nothing by default: no provider, no admins", () => {
    const env = parseAuthEnv({});
    expect(listSignInProviders(env)).toEqual([]);
    expect(env.AUTH_ADMIN_EMAILS).toEqual([]);
    expect(env.TRUST_PROXY).toBe(false);
  });

  it("list GitHub, then the OIDC issuer under its display name", () => {
    const env = parseAuthEnv({
      AUTH_SECRET: secret,
      AUTH_GITHUB_ID: "gh-id",
      AUTH_GITHUB_SECRET: "gh-secret",
      AUTH_OIDC_ISSUER: "https://id.example.org/realms/main",
      AUTH_OIDC_ID: "cratelist",
      AUTH_OIDC_SECRET: "oidc-secret",
      AUTH_OIDC_NAME: "Example SSO",
    });
    expect(listSignInProviders(env)).toEqual([
      { id: "github", name: "GitHub", demo: false },
      { id: "oidc", name: "Example SSO", demo: false },
    ]);
  });

  it("name the OIDC button 'OpenID Connect' unless told, and mark the demo issuer", () => {
    const base = { AUTH_SECRET: secret, AUTH_OIDC_ISSUER: "http://127.0.0.1:3901", AUTH_OIDC_ID: "a", AUTH_OIDC_SECRET: "b" };
    expect(listSignInProviders(parseAuthEnv(base))).toEqual([{ id: "oidc", name: "OpenID Connect", demo: false }]);
    expect(listSignInProviders(parseAuthEnv({ ...base, AUTH_OIDC_NAME: "", AUTH_OIDC_DEMO: "1" }))).toEqual([
      { id: "oidc", name: "OpenID Connect", demo: true },
    ]);
  });

  it("read AUTH_ADMIN_EMAILS as a trimmed, lower-cased list", () => {
    expect(parseAuthEnv({ AUTH_ADMIN_EMAILS: " Ada@Example.org, ,bob@example.org " }).AUTH_ADMIN_EMAILS).toEqual([
      "ada@example.org",
      "bob@example.org",
    ]);
  });

  it.each([
    [{ AUTH_GITHUB_ID: "x", AUTH_SECRET: secret }, /AUTH_GITHUB_SECRET: AUTH_GITHUB_ID set but AUTH_GITHUB_SECRET not/],
    [{ AUTH_OIDC_ISSUER: "https://id.example.org", AUTH_OIDC_ID: "x", AUTH_SECRET: secret }, /AUTH_OIDC_SECRET: .* set but AUTH_OIDC_SECRET not/],
    [{ AUTH_GITHUB_ID: "x", AUTH_GITHUB_SECRET: "y" }, /AUTH_SECRET is not set but a sign-in provider is/],
    [{ AUTH_SECRET: "short" }, /AUTH_SECRET must be at least 32 characters/],
    [{ AUTH_OIDC_ISSUER: "id.example.org", AUTH_OIDC_ID: "x", AUTH_OIDC_SECRET: "y", AUTH_SECRET: secret }, /AUTH_OIDC_ISSUER must be/],
    [{ AUTH_ADMIN_EMAILS: "admin" }, /AUTH_ADMIN_EMAILS must be a comma-separated list of emails/],
  ])("refuse a half or wrong setting with a message naming it: %j", (source, message) => {
    expect(() => parseAuthEnv(source)).toThrow(message);
  });
});
