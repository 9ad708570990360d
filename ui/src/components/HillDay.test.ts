import { describe, it, expect, vi, beforeEach } from "vitest";
import { render, screen, fireEvent } from "@testing-library/svelte";
import { tick } from "svelte";

vi.mock("../lib/api", () => ({
  api: {
    plannedDays: vi.fn(), dayMeetings: vi.fn(), prepareDay: vi.fn(), debriefEngagement: vi.fn(),
    choose: vi.fn(), openPlace: vi.fn(), cancelExport: vi.fn(),
  },
  isApiError: () => false,
}));

import { api, type DayStep, type DayView, type Engagement } from "../lib/api";
import { locale } from "../lib/i18n.svelte";
import HillDay from "./HillDay.svelte";

const settle = async () => {
  for (let i = 0; i < 6; i++) await tick();
};

const meeting: Engagement = {
  id: 41, kind: "meeting", date: "2026-12-02", time: "09:00", place: "Room 228", campaign_id: null, campaign_title: null,
  subject: "UNRWA funding", notes: "", follow_ups: "Send the figures", attendees: "Samira Khoury, Yusuf Rahman", outcome: "",
  reportable: true, officials: [{ official_id: 5, name: "Walter Pryce" }], papers: [], subjects: [], logged_by: "",
};
const call: Engagement = { ...meeting, id: 42, kind: "call", time: "13:15", place: "", attendees: "Hana Saleh", officials: [{ official_id: 6, name: "Chinedu Okoro" }] };
const printed: DayView = {
  date: "2026-12-02", folder: "Hill day", combined_pages: 20, warnings: [],
  itinerary: { id: "it", label: "2026-12-02 itinerary.pdf" }, combined: { id: "all", label: "2026-12-02 all packets.pdf" },
  meetings: [
    { engagement_id: 41, kind: "meeting", time: "09:00", officials: ["Walter Pryce"], subject: "UNRWA funding", packet_id: 3, packet_created: true,
      file: { id: "m1", label: "2026-12-02 01 09h00 Walter Pryce.pdf" }, pages: 12, draft: false, first_page: 1 },
    { engagement_id: 42, kind: "call", time: "13:15", officials: ["Chinedu Okoro"], subject: "UNRWA funding", packet_id: 4, packet_created: false,
      file: { id: "m2", label: "2026-12-02 02 13h15 Chinedu Okoro.pdf" }, pages: 7, draft: false, first_page: 13 },
  ],
};

describe("HillDay", () => {
  beforeEach(() => {
    vi.mocked(api.plannedDays).mockResolvedValue([{ date: "2026-12-02", meetings: 2 }]);
    vi.mocked(api.dayMeetings).mockResolvedValue([structuredClone(meeting), structuredClone(call)]);
    vi.mocked(api.choose).mockResolvedValue({ id: "folder", label: "Hill day" });
    vi.mocked(api.openPlace).mockResolvedValue(undefined);
  });

  it("lists the day's meetings, prepares the day with progress and opens what it wrote", async () => {
    locale.set("en");
    let report: ((s: DayStep) => void) | null = null;
    let finish: (v: DayView) => void = () => {};
    vi.mocked(api.prepareDay).mockImplementation((_place, _request, onProgress) => {
      report = onProgress;
      return new Promise((resolve) => (finish = resolve));
    });
    render(HillDay, { initialDate: "2026-12-02" });
    await settle();
    expect(api.dayMeetings).toHaveBeenCalledWith("2026-12-02");
    expect(screen.getByText("Walter Pryce")).toBeTruthy();
    expect(screen.getByText(/Samira Khoury, Yusuf Rahman/)).toBeTruthy();

    await fireEvent.click(screen.getByRole("button", { name: "Prepare the day…" }));
    await settle();
    expect(api.choose).toHaveBeenCalledWith("day_folder", expect.any(String), null);
    expect(vi.mocked(api.prepareDay).mock.calls[0][0]).toBe("folder");
    expect(vi.mocked(api.prepareDay).mock.calls[0][1]).toMatchObject({ date: "2026-12-02", lang: "en", paper: "letter" });
    report!({ stage: "packet", done: 1, total: 2 });
    await settle();
    expect(screen.getByRole("status").textContent).toContain("Laying out packet 1 of 2");
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(api.cancelExport).toHaveBeenCalled();

    finish(structuredClone(printed));
    await settle();
    expect(screen.getAllByText(/2 packets ready in Hill day: 20 pages/).length).toBeGreaterThan(0);
    await fireEvent.click(screen.getByRole("button", { name: "Open every packet" }));
    expect(api.openPlace).toHaveBeenCalledWith("all");
    await fireEvent.click(screen.getByRole("button", { name: "2026-12-02 01 09h00 Walter Pryce.pdf" }));
    expect(api.openPlace).toHaveBeenCalledWith("m1");
    await fireEvent.click(screen.getByRole("button", { name: "Show the folder" }));
    expect(api.openPlace).toHaveBeenCalledWith("folder");
  });

  it("writes a debrief into the meeting, in French", async () => {
    locale.set("fr");
    vi.mocked(api.debriefEngagement).mockImplementation(async (id, d) => ({ ...meeting, id, outcome: d.outcome, follow_ups: d.follow_ups, reportable: d.reportable }));
    render(HillDay, { initialDate: "2026-12-02" });
    await settle();
    const buttons = screen.getAllByRole("button", { name: "Compte rendu…" });
    expect(buttons.length).toBe(2);
    await fireEvent.click(buttons[0]);
    await settle();
    const outcome = screen.getByLabelText("Résultat") as HTMLTextAreaElement;
    const followUps = screen.getByLabelText("Suivis") as HTMLTextAreaElement;
    expect(followUps.value).toBe("Send the figures");
    await fireEvent.input(outcome, { target: { value: "Posera une question au ministre" } });
    await fireEvent.click(screen.getByLabelText(/À déclarer/));
    await fireEvent.click(screen.getByRole("button", { name: "Enregistrer le compte rendu" }));
    await settle();
    expect(api.debriefEngagement).toHaveBeenCalledWith(41, { outcome: "Posera une question au ministre", follow_ups: "Send the figures", reportable: false });
    expect(screen.getByText("Résultat : Posera une question au ministre")).toBeTruthy();
    locale.set("en");
  });
});
