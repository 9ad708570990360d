// jsdom lacks a few browser features the interface uses.
if (typeof HTMLDialogElement !== "undefined" && !HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
}
if (typeof Element !== "undefined" && !Element.prototype.scrollIntoView) {
  // Nothing is laid out, so there is nothing to scroll.
  Element.prototype.scrollIntoView = function () {};
}
