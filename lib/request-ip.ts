import { isIP } from "node:net";
import { getAuthEnv } from "./env";

/**
 * The client's address, for per-IP rate limits. Behind a reverse proxy
 * (TRUST_PROXY=1) the first hop of X-Forwarded-For; else X-Real-IP, which
 * proxies such as nginx set (`proxy_set_header X-Real-IP $remote_addr`);
 * else "unknown". Without a proxy both headers are whatever the client sent,
 * and `next start` only fills X-Forwarded-For when the client did not, so it is
 * trusted only when the operator says a proxy sets it. Anything that is not an
 * IP address is ignored rather than used as a rate-limit key.
 */
export function requestIp(headers: Headers, options: { trustProxy?: boolean } = {}): string {
  const trustProxy = options.trustProxy ?? getAuthEnv().TRUST_PROXY;
  if (trustProxy) {
    const first = ipOrNull(headers.get("x-forwarded-for")?.split(",")[0]);
    if (first) return first;
  }
  return ipOrNull(headers.get("x-real-ip")) ?? "unknown";
}

function ipOrNull(value: string | undefined | null): string | null {
  const candidate = value?.trim();
  if (!candidate) return null;
  // "[2001:db8::1]:443" and "203.0.113.7:51234" as some proxies write them.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(candidate);
  const withoutPort = bracketed ? bracketed[1]! : /^[\d.]+:\d+$/.test(candidate) ? candidate.split(":")[0]! : candidate;
  return isIP(withoutPort) ? withoutPort.toLowerCase() : null;
}
