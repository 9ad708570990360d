// Links inside papers: the window never navigates away from the app. A click
// on a link is caught here; a web or mail address is opened in the system's
// browser after the user has seen it and agreed, anything else is not
// opened at all. The shell enforces the same rule (and the core's PDFs).

/** The schemes a link may open outside the app. */
const OPENABLE = ["http:", "https:", "mailto:"];

/** `href` as an address the system may open, or `null` when it may not be. */
export function openable(href: string): string | null {
  try {
    const url = new URL(href);
    return OPENABLE.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * What a click means for links: `null` when it is not on a link, else the
 * link's address (`openable` decides what may happen to it). The click's
 * default, navigating the window, is always prevented.
 */
export function clickedLink(event: MouseEvent): string | null {
  const target = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!target) return null;
  event.preventDefault();
  return target.getAttribute("href") ?? "";
}
