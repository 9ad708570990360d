// Text matching for filters typed by people: case and accents do not count,
// so `elections` finds `élections`.

/** `text` lower-cased with its accents removed. */
export const fold = (text: string): string => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

// One collator for every sort: `localeCompare` may build a new one per call,
// and sorting a large library calls it tens of thousands of times.
const collator = new Intl.Collator();

/** Orders two strings as people expect them in a list. */
export const compareText = (a: string, b: string): number => collator.compare(a, b);
