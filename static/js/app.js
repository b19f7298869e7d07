// Our own small script. htmx does the rest; nothing here is required for a page to work.
document.addEventListener("htmx:responseError", (event) => {
  const target = event.detail.target;
  if (target) target.setAttribute("aria-busy", "false");
});

// A step that could not be saved (no connection, or the server failed) says so next to the step;
// the text comes from the page (body data-save-failed) in the user's language.
function markNotSaved(event) {
  if (event.detail.keptOnPhone) return; // kept on this phone, to be sent later (offline.js)
  const form = event.detail.elt && event.detail.elt.closest("form");
  const status = form && form.closest(".step") && form.closest(".step").querySelector("[data-save-status]");
  if (status) {
    status.textContent = document.body.dataset.saveFailed || "Not saved";
    status.classList.add("error");
  }
  // A tick or a choice shows what is saved again; typed text stays, to be tried again.
  if (form) {
    form.querySelectorAll("input[type=checkbox], input[type=radio]").forEach((input) => {
      input.checked = input.defaultChecked;
    });
  }
}
document.addEventListener("htmx:sendError", markNotSaved);
document.addEventListener("htmx:responseError", markNotSaved);

// A save or the case page's poll swaps in only the steps that changed (htmx out-of-band swaps). What the
// user has typed but not yet saved in a step (a text being written, an open note) stays as it was, and
// so does a "Not saved" message: news from a colleague must never wipe out work in progress. The step
// whose form was just sent takes what the server answered.
const keptAcrossSwaps = new Map();
let sentForm = null;

document.addEventListener("htmx:beforeRequest", (event) => {
  sentForm = event.detail.elt && event.detail.elt.closest("form");
});

function typedAndNotSaved(element) {
  if (element.matches("textarea, input:not([type=checkbox]):not([type=radio]):not([type=hidden])")) {
    return element.value !== element.defaultValue;
  }
  if (element.matches("select")) {
    return Array.from(element.options).some((option) => option.selected !== option.defaultSelected);
  }
  return false;
}

document.addEventListener("htmx:oobBeforeSwap", (event) => {
  const step = event.detail.target;
  if (!step || !step.id || !step.matches(".step")) return;
  const sent = sentForm && step.contains(sentForm) ? sentForm : null;
  const details = step.querySelector("details[open]");
  const kept = { values: [], open: details !== null && !(sent && details.contains(sent)), failed: null };
  step.querySelectorAll("textarea[id], input[id], select[id]").forEach((element) => {
    if (element.closest("form") !== sent && typedAndNotSaved(element)) kept.values.push([element.id, element.value]);
  });
  const status = step.querySelector("[data-save-status].error");
  if (status && !sent) kept.failed = status.textContent;
  keptAcrossSwaps.set(step.id, kept);
});

document.addEventListener("htmx:oobAfterSwap", (event) => {
  const id = event.detail.target && event.detail.target.id;
  const kept = id && keptAcrossSwaps.get(id);
  const step = kept && document.getElementById(id);
  if (!step) return;
  keptAcrossSwaps.delete(id);
  kept.values.forEach(([elementId, value]) => {
    const element = document.getElementById(elementId);
    if (element && step.contains(element)) element.value = value;
  });
  const details = step.querySelector("details");
  if (kept.open && details) details.open = true;
  const status = step.querySelector("[data-save-status]");
  if (kept.failed && status) {
    status.textContent = kept.failed;
    status.classList.add("error");
  }
});

// An answer that makes steps appear or disappear swaps in steps above and below the one answered: the page
// stays where the finger was (the answered step keeps its place on screen), and the control that was
// answered keeps the focus, so neither the eye nor a keyboard or screen-reader user loses their place.
// What appeared is said by the run's status line (cases/_run_parts.html saved_status).
let keptPlace = null;

document.addEventListener("htmx:beforeSwap", (event) => {
  const form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form");
  const step = form && form.closest(".step");
  if (!step) return;
  const focused = document.activeElement && step.contains(document.activeElement) ? document.activeElement.id : "";
  keptPlace = { stepId: step.id, top: step.getBoundingClientRect().top, focused };
});

document.addEventListener("htmx:afterSettle", () => {
  const place = keptPlace;
  keptPlace = null;
  const step = place && document.getElementById(place.stepId);
  if (!step) return;
  const moved = step.getBoundingClientRect().top - place.top;
  if (Math.abs(moved) >= 1) window.scrollBy({ top: moved, left: 0, behavior: "instant" });
  // Only a focus the swap took away is given back; one the user has moved elsewhere stays there.
  const lost = !document.activeElement || document.activeElement === document.body;
  const control = place.focused && document.getElementById(place.focused);
  if (control && lost) control.focus({ preventScroll: true });
});
