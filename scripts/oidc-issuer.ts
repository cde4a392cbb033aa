import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Provider, { interactionPolicy, type Configuration } from "oidc-provider";

// A real OpenID Connect issuer on 127.0.0.1 for the demo and the browser tests
// (the `oidc-provider` package, which is certified). Its development login
// form lets anyone in under any login name, with any password: login `alice`
// signs in as sub=alice, name=alice, email=alice@example.test (verified). Never
// expose it beyond the machine: it is a stand-in for GitHub or a real issuer.

export interface OidcIssuerOptions {
  /** 0 picks a free port. */
  port: number;
  clientId: string;
  clientSecret: string;
  /** The site's callbacks, e.g. http://localhost:3200/api/auth/callback/oidc. */
  redirectUris: string[];
}

export interface OidcIssuer {
  /** e.g. http://127.0.0.1:3901; discovery is at <issuerUrl>/.well-known/openid-configuration. */
  issuerUrl: string;
  stop(): Promise<void>;
}

/** The claims the demo issuer gives a login name. */
export function demoClaims(login: string) {
  return { sub: login, name: login, email: `${login}@example.test`, email_verified: true };
}

export async function startOidcIssuer({ port, clientId, clientSecret, redirectUris }: OidcIssuerOptions): Promise<OidcIssuer> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const issuerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuerUrl, configuration({ clientId, clientSecret, redirectUris }));
  // The development login page pulls a web font from Google: on a closed
  // network the browser then waits for it, and nobody's sign-in should tell
  // Google anything. Its own styles are enough.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path.startsWith("/interaction/") && typeof ctx.body === "string") {
      ctx.body = ctx.body.replace(/@import url\([^)]*\);?/g, "");
    }
  });
  server.on("request", provider.callback());
  return { issuerUrl, stop: () => closeServer(server) };
}

function configuration({ clientId, clientSecret, redirectUris }: Omit<OidcIssuerOptions, "port">): Configuration {
  // A fresh signing key and cookie keys per start: nothing the issuer signs
  // needs to outlive it (the site keeps its own sessions).
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "demo", use: "sig", alg: "RS256" };

  // Ask for the login name on every sign-in, even when the browser still has a
  // session at the issuer: signing out of the site and in as someone else
  // must not silently reuse the previous name.
  const policy = interactionPolicy.base();
  policy
    .get("login")!
    .checks.add(
      new interactionPolicy.Check("every_time", "The demo issuer asks who you are on every sign-in", (ctx) =>
        ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );

  return {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: true } },
    interactions: { policy },
    // Every login name is an account; its claims follow from the name.
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => demoClaims(sub) }),
    // The site is the only client and first-party: no consent screen, the
    // requested scopes are granted.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    pkce: { required: () => true },
    ttl: { Session: 60 * 60, Interaction: 10 * 60, Grant: 60 * 60, AccessToken: 10 * 60, AuthorizationCode: 60, IdToken: 10 * 60 },
    renderError: (ctx, out) => {
      ctx.type = "html";
      const text = Object.entries(out)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join("\n")
        .replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);
      ctx.body = `<!doctype html><title>Demo issuer error</title><h1>Demo issuer: sign-in failed</h1><pre>${text}</pre>`;
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

// `node --import tsx scripts/oidc-issuer.ts --port 3901 --client-id cratelist
//   --client-secret s3cret --redirect-uri http://localhost:3000/api/auth/callback/oidc`
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "3901" },
      "client-id": { type: "string", default: "cratelist" },
      "client-secret": { type: "string" },
      "redirect-uri": { type: "string", multiple: true, default: ["http://localhost:3000/api/auth/callback/oidc"] },
    },
  });
  const clientSecret = values["client-secret"] ?? randomBytes(24).toString("hex");
  const issuer = await startOidcIssuer({
    port: Number(values.port),
    clientId: values["client-id"],
    clientSecret,
    redirectUris: values["redirect-uri"],
  });
  console.log(`Demo OIDC issuer on ${issuer.issuerUrl} (anyone can sign in as anyone)`);
  console.log(`AUTH_OIDC_ISSUER=${issuer.issuerUrl} AUTH_OIDC_ID=${values["client-id"]} AUTH_OIDC_SECRET=${clientSecret}`);
  const stop = () => void issuer.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
