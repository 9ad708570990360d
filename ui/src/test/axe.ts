// axe-core (the engine of the browsers' own accessibility audits) on what a
// component test rendered: the WCAG 2.1 A and AA rules, as the end-to-end
// suite runs them on the real app. jsdom lays nothing out, so the rules that
// need layout (colour contrast) are left to the end-to-end suite.
import axe from "axe-core";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Each violated rule with the elements that break it, e.g.
 *  `nested-interactive: .hits > li`; empty when axe finds nothing. */
export async function axeViolations(root: Element = document.body): Promise<string[]> {
  const results = await axe.run(root, {
    runOnly: { type: "tag", values: WCAG_TAGS },
    rules: { "color-contrast": { enabled: false } },
  });
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
