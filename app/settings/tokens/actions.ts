"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { TokenFormState } from "@/components/usage/token-form-state";
import { getActor } from "@/lib/auth/get-actor";
import { getDb } from "@/lib/db";
import { requestIp } from "@/lib/request-ip";
import { routes } from "@/lib/routes";
import { createApiToken } from "@/lib/usage/create-api-token";
import { revokeApiToken } from "@/lib/usage/revoke-api-token";
import { actionError } from "../../crates/[name]/reviews/action-error";

// createApiToken and revokeApiToken check who may; these read the forms.

export async function createApiTokenAction(state: TokenFormState, formData: FormData): Promise<TokenFormState> {
  const name = String(formData.get("name") ?? "");
  const expiresInDays = String(formData.get("expiresInDays") ?? "");
  const actor = await getActor();
  if (!actor) redirect(routes.signIn(routes.apiTokens()));
  try {
    const token = await createApiToken(getDb(), actor, { name, expiresInDays }, { ip: requestIp(await headers()) });
    return { status: "created", message: null, fields: {}, created: { name: token.name, secret: token.secret, expiresAt: token.expiresAt?.toISOString() ?? null }, attempt: state.attempt + 1 };
  } catch (error) {
    const failure = actionError(error, { action: "createApiToken" });
    return { status: "error", message: failure.message, fields: failure.fields, created: null, attempt: state.attempt + 1 };
  }
}

export async function revokeApiTokenAction(formData: FormData): Promise<void> {
  const actor = await getActor();
  if (!actor) redirect(routes.signIn(routes.apiTokens()));
  try {
    await revokeApiToken(getDb(), actor, formData.get("tokenId"));
  } catch (error) {
    actionError(error, { action: "revokeApiToken" });
  }
  redirect(routes.apiTokens());
}
