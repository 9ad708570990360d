import { describe, it, expect, vi, beforeEach, afterEach } from "vitest";
import { render, screen, fireEvent } from "@testing-library/svelte";
import { tick } from "svelte";

vi.mock("../lib/api", () => ({
  api: {
    lobbyingReport: vi.fn(), exportLobbyingReport: vi.fn(), choose: vi.fn(), openPlace: vi.fn(),
    reconcileRegistry: vi.fn(), subjectMatters: vi.fn(), setEngagementSubjects: vi.fn(),
  },
  isApiError: () => false,
}));

import { api, type LobbyingReport, type Reconciliation } from "../lib/api";
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
      position_title_fr: "Présidente, Comité permanent des affaires étrangères", branch_fr: "Comité permanent",
      subject_matters: [{ code: "SMT-11", name_en: "Foreign Affairs", name_fr: "Affaires étrangères" }], subject: "A committee study", campaign: null, logged_by: "Samira Khoury", registrant: "Samira Khoury", warnings: [],
    },
    {
      engagement_id: 129, official_id: 26, date: "2026-10-21", kind: "call", last_name: "Okoro", first_name: "Chinedu",
      position_title: "Policy Advisor", branch: "Office of the Minister", institution: "",
      position_title_fr: "Policy Advisor", branch_fr: "Office of the Minister",
      subject_matters: [], subject: "UNRWA funding", campaign: null, logged_by: "Samira Khoury", registrant: "Samira Khoury", warnings: [{ key: "row_no_institution", params: {} }],
    },
  ],
};

describe("Reports", () => {
  // The screen opens on the month before today: every test sets its own
  // today, 12 November 2026, and counts only its own calls.
  beforeEach(() => {
    vi.clearAllMocks();
    vi.useFakeTimers({ now: new Date(2026, 10, 12), toFake: ["Date"] });
    locale.set("en");
    vi.mocked(api.lobbyingReport).mockResolvedValue(structuredClone(october));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("asks for last month's report and shows its rows, deadline and what to check", async () => {
    render(Reports);
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
    expect(api.choose).toHaveBeenCalledWith("save_csv", "Save the report", "lobbying-2026-10.csv");
    expect(api.exportLobbyingReport).toHaveBeenCalledWith("2026-10", "csv", "s1");
    expect(api.openPlace, "a CSV is not opened").not.toHaveBeenCalled();
  });

  it("shows the month asked for last, whichever answer comes back first", async () => {
    let answerOctober: (r: LobbyingReport) => void = () => {};
    vi.mocked(api.lobbyingReport).mockImplementation((month: string) =>
      month === "2026-10"
        ? new Promise((resolve) => { answerOctober = resolve; })
        : Promise.resolve({ ...structuredClone(october), month, rows: [] }));
    render(Reports);
    await settle();
    const input = document.querySelector("input[type=month]") as HTMLInputElement;
    input.value = "2026-09";
    await fireEvent.input(input);
    await fireEvent.change(input);
    await settle();
    expect(api.lobbyingReport).toHaveBeenLastCalledWith("2026-09");
    expect(document.querySelectorAll("tbody tr").length, "September has no rows").toBe(0);
    answerOctober(structuredClone(october));
    await settle();
    expect(document.querySelectorAll("tbody tr").length, "October's late answer is not shown over September").toBe(0);
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

  it("shows a row's subject matters with their names and lets them be chosen in place", async () => {
    vi.mocked(api.subjectMatters).mockResolvedValue([
      { code: "SMT-11", name_en: "Foreign Affairs", name_fr: "Affaires étrangères" },
      { code: "SMT-16", name_en: "International Development", name_fr: "" },
    ]);
    vi.mocked(api.setEngagementSubjects).mockResolvedValue({} as never);
    render(Reports);
    await settle();
    expect(document.querySelector("tbody tr td.subjects")?.textContent).toContain("SMT-11 Foreign Affairs");
    await fireEvent.click(screen.getAllByText("Subject matters…")[1]);
    await settle();
    await fireEvent.click(screen.getByLabelText(/SMT-16/));
    const drafted = vi.mocked(api.lobbyingReport).mock.calls.length;
    await fireEvent.click(screen.getByText("Save subject matters"));
    await settle();
    expect(api.setEngagementSubjects).toHaveBeenCalledWith(129, ["SMT-16"]);
    expect(vi.mocked(api.lobbyingReport).mock.calls.length, "the report is drafted again").toBe(drafted + 1);
  });

  it("names subject matters in French in a French interface when known", async () => {
    locale.set("fr");
    render(Reports);
    await settle();
    expect(document.querySelector("tbody tr td.subjects")?.textContent).toContain("SMT-11 Affaires étrangères");
    const row = document.querySelector("tbody tr")?.textContent ?? "";
    expect(row, "the French title Parliament's files gave").toContain("Présidente, Comité permanent des affaires étrangères");
    expect(row).not.toContain("Chair, Standing Committee");
  });

  const reconciled: Reconciliation = {
    registry_numbers: ["777123", "780555-4412"],
    reports_found: 5,
    amended: 2,
    missing_files: ["Codes_SubjectMatterTypesExport.csv"],
    months: [
      {
        month: "2026-10",
        month_name: "October 2026",
        matched: [
          {
            logged: { engagement_id: 122, date: "2026-10-06", official_id: 4, office_holder: "Grace Adeyemi", position_title: "Chair", institution: "House of Commons", subject_matters: [] },
            filed: { comlog_id: "1003", date: "2026-10-06", office_holder: "Grace Adeyemi", position_title: "Chair", branch: "", institution: "House of Commons", subject_matters: [], other_subjects: [], filed_under: "780555-4412" },
          },
        ],
        not_filed: [
          { engagement_id: 129, date: "2026-10-21", official_id: 26, office_holder: "Chinedu Okoro", position_title: "Policy Advisor", institution: "", subject_matters: [{ code: "SMT-16", name_en: "International Development", name_fr: "" }] },
        ],
        not_logged: [
          { comlog_id: "1020", date: "2026-10-22", office_holder: "Jean Dupont", position_title: "Director General", branch: "", institution: "Global Affairs Canada", subject_matters: [], other_subjects: ["Settlement goods"], filed_under: "780555-4412" },
        ],
        differences: [
          { engagement_id: 122, comlog_id: "1003", date: "2026-10-06", office_holder: "Grace Adeyemi", field: "subject_matters", ours: "SMT-11", filed: "SMT-17" },
        ],
      },
    ],
  };

  it("reconciles the month with the Registry folder the user chose and shows the four lists", async () => {
    vi.mocked(api.choose).mockResolvedValue({ id: "r1", label: "registry-2026" });
    vi.mocked(api.reconcileRegistry).mockResolvedValue(structuredClone(reconciled));
    render(Reports);
    await settle();
    await fireEvent.click(screen.getByRole("tab", { name: "Reconcile" }));
    await settle();
    await fireEvent.click(screen.getByText("Choose the Registry folder…"));
    await settle();
    expect(api.choose).toHaveBeenCalledWith("registry_folder", "The folder with the Registry’s CSV files");
    expect(api.reconcileRegistry, "the place's id and the month, never a path").toHaveBeenCalledWith("r1", "2026-10");
    expect(screen.getByText("Folder: registry-2026")).toBeTruthy();
    expect(screen.getByText(/5 reports of ours in the files \(2 replaced by an amendment\), under 777123, 780555-4412/)).toBeTruthy();
    expect(screen.getByText(/Not in the folder, so not compared: Codes_SubjectMatterTypesExport.csv/)).toBeTruthy();
    expect(document.querySelector("table.not-filed")?.textContent).toContain("Chinedu Okoro");
    expect(document.querySelector("table.not-filed")?.textContent).toContain("SMT-16 International Development");
    expect(document.querySelector("table.not-logged")?.textContent).toContain("Jean Dupont");
    expect(document.querySelector("table.not-logged")?.textContent).toContain("Settlement goods");
    expect(document.querySelector("table.differences")?.textContent).toContain("Subject matters");
    expect(document.querySelector("table.differences")?.textContent).toContain("SMT-17");
    expect(document.querySelector("table.matched")?.textContent).toContain("1003");
    expect(screen.getByText(/1 filed and in our log · 1 not filed · 1 filed but not in our log · 1 differences/)).toBeTruthy();

    vi.mocked(api.reconcileRegistry).mockClear();
    const input = document.querySelector("input[type=month]") as HTMLInputElement;
    input.value = "2026-09";
    await fireEvent.input(input);
    await fireEvent.change(input);
    await settle();
    expect(api.reconcileRegistry, "another month is reconciled with the same folder").toHaveBeenCalledWith("r1", "2026-09");

    vi.mocked(api.reconcileRegistry).mockClear();
    await fireEvent.click(screen.getByLabelText("every month in the files"));
    await settle();
    expect(api.reconcileRegistry).toHaveBeenCalledWith("r1", null);
  });

  it("shows a refusal from the Registry folder and no lists", async () => {
    vi.mocked(api.choose).mockResolvedValue({ id: "r2", label: "Downloads" });
    vi.mocked(api.reconcileRegistry).mockRejectedValue({ code: "invalid", message: "no primary", key: "registry_primary_missing", params: { folder: "Downloads" } });
    render(Reports);
    await settle();
    await fireEvent.click(screen.getByRole("tab", { name: "Reconcile" }));
    await fireEvent.click(screen.getByText("Choose the Registry folder…"));
    await settle();
    expect(document.querySelector("table.not-filed")).toBeNull();
    expect(document.body.textContent).not.toContain("reports of ours");
  });
});
