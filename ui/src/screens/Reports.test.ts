import { describe, it, expect, vi, beforeEach } from "vitest";
import { render, screen, fireEvent } from "@testing-library/svelte";
import { tick } from "svelte";

vi.mock("../lib/api", () => ({
  api: { lobbyingReport: vi.fn(), exportLobbyingReport: vi.fn(), choose: vi.fn(), openPlace: vi.fn() },
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
  month_name: "October 2026",
  organisation: "Canadian Middle East Rights Network",
  registrant: "Samira Khoury",
  deadline: "2026-11-15",
  today: "2026-11-12",
  days_left: 3,
  not_reported: [
    {
      engagement_id: 127, date: "2026-10-16", kind: "letter", officials: ["Hodan Abdi"], subject: "Follow-up letter",
      reason: { key: "letters_not_reported", params: {} },
    },
  ],
  warnings: [
    { kind: "not_oral", engagement_id: 127, date: "2026-10-16", official_id: 30, official: "Hodan Abdi", message: { key: "report_not_oral", params: { engagement: 127, date: "2026-10-16", kind: "letter", officials: ["Hodan Abdi"] } } },
    { kind: "no_institution", engagement_id: 129, date: "2026-10-21", official_id: 26, official: "Chinedu Okoro", message: { key: "report_no_institution", params: { engagement: 129, date: "2026-10-21", official: "Chinedu Okoro", official_id: 26, role: "Policy Advisor", since: "2025-01-01" } } },
  ],
  rows: [
    {
      engagement_id: 122, official_id: 4, date: "2026-10-06", kind: "meeting", last_name: "Adeyemi", first_name: "Grace",
      position_title: "Chair, Standing Committee on Foreign Affairs", branch: "Standing Committee", institution: "House of Commons",
      subject_matters: "A committee study", campaign: null, logged_by: "Samira Khoury", registrant: "Samira Khoury", warnings: [],
    },
    {
      engagement_id: 129, official_id: 26, date: "2026-10-21", kind: "call", last_name: "Okoro", first_name: "Chinedu",
      position_title: "Policy Advisor", branch: "Office of the Minister", institution: "",
      subject_matters: "UNRWA funding", campaign: null, logged_by: "Samira Khoury", registrant: "Samira Khoury", warnings: [{ key: "row_no_institution", params: {} }],
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
    expect(screen.getByText("⚠ no institution in the role in force")).toBeTruthy();
    const check = screen.getByRole("group", { name: "To check before filing" }).textContent ?? "";
    expect(check, "the letter flagged reportable is listed apart").toContain("Hodan Abdi — Follow-up letter");
    expect(check, "a row's own warning is not repeated above the table").not.toContain("engagement 129");
    expect(document.querySelector(".deadline")?.textContent).toContain("3 days left");
    expect(document.querySelector(".deadline")?.classList.contains("soon")).toBe(true);
  });

  it("saves the CSV where the user chose", async () => {
    vi.mocked(api.choose).mockResolvedValue({ id: "s1", label: "lobbying.csv" });
    vi.mocked(api.exportLobbyingReport).mockResolvedValue({ path: "lobbying.csv", bytes: 512 });
    render(Reports);
    await settle();
    await fireEvent.click(screen.getByText("Save as CSV…"));
    await settle();
    const month = vi.mocked(api.lobbyingReport).mock.calls[0][0];
    expect(api.choose).toHaveBeenCalledWith("save_csv", "Save the report", `lobbying-${month}.csv`);
    expect(api.exportLobbyingReport).toHaveBeenCalledWith(month, "csv", "s1");
    expect(api.openPlace, "a CSV is not opened").not.toHaveBeenCalled();
  });

  it("asks for a registrant when none is set", async () => {
    vi.mocked(api.lobbyingReport).mockResolvedValue({
      ...structuredClone(october),
      registrant: null,
      warnings: [{ kind: "no_registrant", engagement_id: null, date: null, official_id: null, official: null, message: { key: "report_no_registrant", params: {} } }],
    });
    render(Reports);
    await settle();
    const check = screen.getByRole("group", { name: "To check before filing" }).textContent ?? "";
    expect(check).toContain("Set it in Settings");
    expect(document.querySelector(".deadline")?.textContent).toContain("not set (Settings)");
  });

  it("says when the deadline has passed", async () => {
    vi.mocked(api.lobbyingReport).mockResolvedValue({ ...structuredClone(october), days_left: -2 });
    render(Reports);
    await settle();
    expect(document.querySelector(".deadline")?.textContent).toContain("passed 2 days ago");
  });
});
