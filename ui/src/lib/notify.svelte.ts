// Short messages at the foot of the window: what just happened, or what
// went wrong and why.

import { describe } from "./messages";

let message = $state<{ text: string; error: boolean } | null>(null);
let timer: ReturnType<typeof setTimeout> | undefined;

export const toast = {
  get current() {
    return message;
  },
  show(text: string, error = false) {
    message = { text, error };
    clearTimeout(timer);
    timer = setTimeout(() => (message = null), error ? 8000 : 3500);
  },
  error(e: unknown) {
    toast.show(describe(e), true);
  },
};
