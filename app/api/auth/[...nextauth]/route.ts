import { handlers } from "@/lib/auth/auth";

// Auth.js's endpoints: provider redirects and callbacks, sign-out, session.
export const { GET, POST } = handlers;
