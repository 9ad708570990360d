// Which screen is showing, with a history for Back (Alt+←).

export type Route =
  | { screen: "library" }
  | { screen: "paper"; id: number; tab?: "read" | "edit" | "history"; version?: number }
  | { screen: "timeline"; campaign?: number }
  | { screen: "officials"; id?: number; engagement?: number }
  | { screen: "packets"; id?: number; day?: string | null }
  | { screen: "reports" }
  | { screen: "settings" }
  | { screen: "conflicts" };

let route = $state<Route>({ screen: "library" });
const back: Route[] = [];

export const nav = {
  get route(): Route {
    return route;
  },
  go(next: Route) {
    // Read by the end-to-end speed measurements.
    (globalThis as { __navStart?: number }).__navStart = performance.now();
    back.push(route);
    if (back.length > 50) back.shift();
    route = next;
  },
  back() {
    const previous = back.pop();
    if (previous) route = previous;
  },
};
