// Dialogs that more than one place can open (a menu item, a shortcut, a
// button on a screen): the window shows each one once.

import { api } from "./api";
import { t } from "./i18n.svelte";
import { toast } from "./notify.svelte";

let importing = $state(false);
let about = $state(false);

export const dialogs = {
  /** The import dialog is open. */
  get importing() {
    return importing;
  },
  set importing(open: boolean) {
    importing = open;
  },
  /** Help → About is open. */
  get about() {
    return about;
  },
  set about(open: boolean) {
    about = open;
  },
  /** Help → Save a problem report…: asks where in the system's dialog, then writes it. */
  async saveProblemReport() {
    const stamp = new Date().toISOString().slice(0, 10);
    const place = await api.choose("save_problem_report", t("menu.problemReport"), `dossier-problem-report-${stamp}.txt`);
    if (!place) return;
    try {
      const saved = await api.saveProblemReport(place.id);
      toast.show(t("problemReport.saved", { path: saved.path }));
    } catch (e) {
      toast.error(e);
    }
  },
};
