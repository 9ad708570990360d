// The library open in the window, as far as screens need to know it: whether
// it can be written (a read-only folder, or a public copy), so they do not
// offer changes that would be refused.

import type { LibraryInfo } from "./api";

let current = $state<LibraryInfo | null>(null);

export const openLibrary = {
  get current(): LibraryInfo | null {
    return current;
  },
  set current(library: LibraryInfo | null) {
    current = library;
  },
  /** Every write would be refused. */
  get readOnly(): boolean {
    return current?.read_only ?? false;
  },
};
