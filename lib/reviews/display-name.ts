/**
 * The name shown for a user: their own, else a stable stand-in from the id.
 * Emails are never shown, so there is no fallback to them.
 */
export function displayName(user: { id: string; name: string | null }): string {
  const name = user.name?.trim();
  return name ? name : `user-${user.id.slice(0, 6)}`;
}
