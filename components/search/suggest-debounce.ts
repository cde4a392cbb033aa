/** How long the search box waits after a keystroke before it asks for suggestions (a newer keystroke restarts the wait). */
export const SUGGEST_DEBOUNCE_MS = 150;
