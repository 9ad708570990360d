import { describe, it, expect, vi, beforeEach } from "vitest";
import { render, screen, fireEvent } from "@testing-library/svelte";
import { tick } from "svelte";

vi.mock("../lib/api", () => ({
  api: { lobbyingReport: vi.fn(), exportLobbyingReport: vi.fn(), pickSavePath: vi.fn(), openFile: vi.fn() },
  isApiError: () => false,
}));

import { api, type LobbyingReport } from "../lib/api";
import { locale } from "../lib/i18n.svelte";
import Reports from "./Reports.svelte";

const settle = async () => {
  for (let i = 0; i < 5; i++) await tick();
};

const october: LobbyingReport = {
  month: "2026-10",
  registrant: "Amira Haddad",
  deadline: "2026-11-15",
  days_left: 3,
  warnings: ["2026-10-16, letter to Samira Abdi is flagged reportable, but letters are not reported"],
  rows: [
    {
      engagement_id: 130, official_id: 4, date: "2026-10-07", kind: "meeting", last_name: "Abdi", first_name: "Samira",
      title: "Member of Parliament", branch: "House of Commons", institution: "House of Commons",
      subjects: "Settlement trade", registrant: "Amira Haddad", warnings: [],
    },
    {
      engagement_id: 131, official_id: 9, date: "2026-10-21", kind: "call", last_name: "Okoro", first_name: "Daniel",
      title: "Policy adviser", branch: "Office of the Minister", institution: "",
      subjects: "UNRWA funding", registrant: "Amira Haddad", warnings: ["no institution for Daniel Okoro on 2026-10-21"],
    },
  ],
};

describe("Reports", () => {
  beforeEach(() => {
    locale.set("en");
    vi.mocked(api.lobbyingReport).mockResolvedValue(structuredClone(october));
  });

  it("asks for last month's report and shows its rows, deadline and what to check", async () => {
    vi.useFakeTimers({ now: new Date(2026, 10, 12), toFake: ["Date"] });
    render(Reports);
    vi.useRealTimers();
    await settle();
    expect(api.lobbyingReport).toHaveBeenCalledWith("2026-10");
    expect(document.querySelectorAll("tbody tr").length).toBe(2);
    expect(document.querySelectorAll("tbody tr.flagged").length, "the row without an institution is flagged").toBe(1);
    expect(screen.getByText("⚠ no institution for Daniel Okoro on 2026-10-21")).toBeTruthy();
    expect(screen.getByLabelText("To check before filing").textContent).toContain("letters are not reported");
    expect(document.querySelector(".deadline")?.textContent).toContain("3 days left");
    expect(document.querySelector(".deadline")?.classList.contains("soon")).toBe(true);
  });

  it("saves the CSV where the user chose", async () => {
    vi.mocked(api.pickSavePath).mockResolvedValue("/home/staff/lobbying.csv");
    vi.mocked(api.exportLobbyingReport).mockResolvedValue({ path: "/home/staff/lobbying.csv", bytes: 512 });
    render(Reports);
    await settle();
    await fireEvent.click(screen.getByText("Save as CSV…"));
    await settle();
    const month = vi.mocked(api.lobbyingReport).mock.calls[0][0];
    expect(api.exportLobbyingReport).toHaveBeenCalledWith(month, "csv", "/home/staff/lobbying.csv");
    expect(api.openFile).not.toHaveBeenCalled();
  });

  it("says when the deadline has passed", async () => {
    vi.mocked(api.lobbyingReport).mockResolvedValue({ ...structuredClone(october), days_left: -2 });
    render(Reports);
    await settle();
    expect(document.querySelector(".deadline")?.textContent).toContain("passed 2 days ago");
  });
});
