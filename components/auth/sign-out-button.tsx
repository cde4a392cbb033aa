import { signOutOfSite } from "./auth-actions";

/** A form, so that signing out works without JavaScript (and is a POST, not a link a page could trigger). */
export function SignOutButton() {
  return (
    <form action={signOutOfSite}>
      <button type="submit" className="font-medium text-brand underline decoration-1 underline-offset-3 hover:text-brand-strong">
        Sign out
      </button>
    </form>
  );
}
