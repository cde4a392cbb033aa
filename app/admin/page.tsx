import { redirect } from "next/navigation";
import { routes } from "@/lib/routes";

// /admin has one page so far; the users page checks who may see it.
export default function AdminPage() {
  redirect(routes.adminUsers());
}
