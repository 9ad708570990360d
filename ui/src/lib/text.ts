// Text matching for filters typed by people: case and accents do not count,
// so `elections` finds `élections`.

/** `text` lower-cased with its accents removed. */
export const fold = (text: string): string => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
