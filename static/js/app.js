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

// When a save swaps a checklist back in, what the user has typed but not yet saved in another step
// (a text being written, an open note) stays as it was, and so does a "Not saved" message: a tick
// in one step must never wipe out work in progress in another.
const keptAcrossSwaps = new Map();

function typedAndNotSaved(element) {
  if (element.matches("textarea, input:not([type=checkbox]):not([type=radio]):not([type=hidden])")) {
    return element.value !== element.defaultValue;
  }
  if (element.matches("select")) {
    return Array.from(element.options).some((option) => option.selected !== option.defaultSelected);
  }
  return false;
}

document.addEventListener("htmx:beforeSwap", (event) => {
  const target = event.detail.target;
  if (!target || !target.id || !target.matches(".run")) return;
  const from = event.detail.requestConfig && event.detail.requestConfig.elt;
  const sent = from && from.closest("form");
  const kept = { values: [], open: [], failed: [] };
  target.querySelectorAll("textarea[id], input[id], select[id]").forEach((element) => {
    if (element.closest("form") !== sent && typedAndNotSaved(element)) {
      kept.values.push([element.id, element.value]);
    }
  });
  target.querySelectorAll("details[open]").forEach((details) => {
    const step = details.closest(".step");
    if (step && step.id && !(sent && details.contains(sent))) kept.open.push(step.id);
  });
  target.querySelectorAll("[data-save-status].error").forEach((status) => {
    const step = status.closest(".step");
    if (step && step.id && !(sent && step.contains(sent))) kept.failed.push([step.id, status.textContent]);
  });
  keptAcrossSwaps.set(target.id, kept);
});

document.addEventListener("htmx:afterSwap", () => {
  keptAcrossSwaps.forEach((kept, runId) => {
    const run = document.getElementById(runId);
    if (!run) return;
    keptAcrossSwaps.delete(runId);
    kept.values.forEach(([id, value]) => {
      const element = document.getElementById(id);
      if (!element || !run.contains(element)) return;
      const focused = document.activeElement === element;
      element.value = value;
      if (focused && element.setSelectionRange) {
        try {
          element.setSelectionRange(value.length, value.length);
        } catch (error) {
          // Not every field with setSelectionRange supports it (number, date).
        }
      }
    });
    kept.open.forEach((stepId) => {
      const details = document.querySelector(`#${CSS.escape(stepId)} details`);
      if (details) details.open = true;
    });
    kept.failed.forEach(([stepId, text]) => {
      const status = document.querySelector(`#${CSS.escape(stepId)} [data-save-status]`);
      if (status) {
        status.textContent = text;
        status.classList.add("error");
      }
    });
  });
});
