"use server";

import { revalidatePath } from "next/cache";
import type { RoleFormState } from "@/components/auth/role-form";
import { getActor } from "@/lib/auth/get-actor";
import { setUserRole } from "@/lib/auth/set-user-role";
import { getDb } from "@/lib/db";
import { routes } from "@/lib/routes";
import { UserError } from "@/lib/user-error";

/** The role form on /admin/users. setUserRole checks that the actor is an admin. */
export async function changeUserRole(_previous: RoleFormState, formData: FormData): Promise<RoleFormState> {
  try {
    const change = await setUserRole(getDb(), await getActor(), {
      userId: formData.get("userId"),
      role: formData.get("role"),
      reason: formData.get("reason"),
    });
    revalidatePath(routes.adminUsers());
    return { status: "ok", message: `${change.name ?? "The user"} is now ${change.to} (was ${change.from}).`, fields: {} };
  } catch (error) {
    if (error instanceof UserError) return { status: "error", message: error.message, fields: error.fields };
    throw error;
  }
}
