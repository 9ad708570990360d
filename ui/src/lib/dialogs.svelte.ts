// Dialogs that more than one place can open (a menu item, a shortcut, a
// button on a screen): the window shows each one once.

let importing = $state(false);

export const dialogs = {
  /** The import dialog is open. */
  get importing() {
    return importing;
  },
  set importing(open: boolean) {
    importing = open;
  },
};
