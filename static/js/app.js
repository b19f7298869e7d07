// Our own small script. htmx does the rest; nothing here is required for a page to work.
document.addEventListener("htmx:responseError", (event) => {
  const target = event.detail.target;
  if (target) target.setAttribute("aria-busy", "false");
});

// A step that could not be saved (no connection, or the server failed) says so next to the step;
// the text comes from the page (body data-save-failed) in the user's language.
function markNotSaved(event) {
  const form = event.detail.elt && event.detail.elt.closest("form");
  const status = form && form.closest(".step") && form.closest(".step").querySelector("[data-save-status]");
  if (status) {
    status.textContent = document.body.dataset.saveFailed || "Not saved";
    status.classList.add("error");
  }
}
document.addEventListener("htmx:sendError", markNotSaved);
document.addEventListener("htmx:responseError", markNotSaved);
