// The checklist of a case opened without a connection (issue #22; cases/opening.html, kept by the phone).
// The page is the checklist as a new case shows it; `#opening-<n>` names the opening waiting on this phone
// (offline-open.js, "rusplan-openings"). Each answer, and each note ("Save the note"), is kept with that
// opening, with the time it was given, and shown as "saved on this phone, not yet sent"; a step whose condition (data-show-if, written by the
// server from the checklist) holds is shown, one whose condition no longer holds is hidden and its answer
// dropped, as the server would ignore it. When the opening reaches the server with its answers, the page
// goes to the case.
(() => {
  const page = document.getElementById("opening");
  const openings = window.rusplanOpenings;
  if (!page || !openings) return;
  const PREFIX = "rnew-";
  const seq = Number((/^#opening-(\d+)$/.exec(window.location.hash) || [])[1]);
  const STEP = "div[id^='step-new-']"; // a step's own element (its note's textarea has an id like it)
  const steps = () => Array.from(page.querySelectorAll(STEP)).filter((step) => !step.parentElement.closest(STEP));
  const keyOf = (step) => step.id.slice("step-new-".length);

  const time = (iso) => new Date(iso).toLocaleTimeString(document.documentElement.lang || undefined, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const keptWords = (iso) => (document.body.dataset.keptOnPhone || "").replace("{time}", time(iso));

  // Read, changed and written back in one transaction: two quick answers never lose one another.
  function update(change) {
    return openings.store("readwrite", (items) => {
      const request = items.get(seq);
      request.onsuccess = () => {
        if (request.result) items.put(change(request.result));
      };
      return request;
    });
  }

  // What a step's inputs send now (a ticked box, a chosen key, typed text; nothing unanswered).
  function values(step) {
    const form = step.querySelector("form");
    if (!form) return [];
    return Array.from(new FormData(form).entries()).filter(([name, value]) => name.startsWith(PREFIX) && typeof value === "string" && value.trim() !== "");
  }

  // Conditions as evaluate() reads them (forms/evaluation.py): in order, a hidden step counts as no answer.
  function showSteps() {
    const given = new Map();
    const dropped = [];
    steps().forEach((step) => {
      const rule = step.dataset.showIf && JSON.parse(step.dataset.showIf);
      const holds = (condition) => {
        // as the server reads an answer: a number by its value (16.0 is 16), typed text without outer spaces
        const same = condition.number ? (value, wanted) => Number(value) === Number(wanted) : (value, wanted) => value.trim() === wanted;
        const hit = (given.get(condition.name) || []).some((value) => condition.values.some((wanted) => same(value, wanted)));
        return condition.op === "not_equals" ? !hit : hit;
      };
      const shown = !rule || (rule.mode === "any" ? rule.conditions.some(holds) : rule.conditions.every(holds));
      if (!shown && !step.hidden && values(step).length) dropped.push(step);
      step.hidden = !shown;
      if (shown) given.set(PREFIX + keyOf(step), values(step).map(([, value]) => value));
    });
    dropped.forEach(clear);
    return dropped.map(keyOf);
  }

  function clear(step) {
    step.querySelectorAll("input, select, textarea").forEach((input) => {
      if (input.type === "checkbox" || input.type === "radio") input.checked = false;
      else if (input.tagName === "SELECT") input.selectedIndex = -1;
      else if (input.type !== "hidden") input.value = "";
    });
    step.querySelectorAll("[data-save-status], [data-note-status]").forEach((status) => (status.textContent = ""));
  }

  function restore(item) {
    Object.entries(item.answers || {}).forEach(([key, answer]) => {
      const step = document.getElementById(`step-new-${key}`);
      if (!step) return;
      step.querySelectorAll(`[name="${PREFIX}${key}"]`).forEach((input) => {
        const chosen = answer.values.map(([, value]) => value);
        if (input.type === "checkbox" || input.type === "radio") input.checked = chosen.includes(input.value);
        else if (input.tagName === "SELECT") Array.from(input.options).forEach((option) => (option.selected = chosen.includes(option.value)));
        else input.value = chosen[0] || "";
      });
      const status = step.querySelector("[data-save-status]");
      if (status) status.textContent = keptWords(answer.givenAt);
    });
    Object.entries(item.notes || {}).forEach(([key, note]) => {
      const text = document.getElementById(`step-new-${key}-note`);
      if (!text) return;
      text.value = note.text;
      text.closest("details").open = true;
      noteStatus(text).textContent = keptWords(note.givenAt);
    });
  }

  // Where a note's "saved on this phone" is said: after its button, inside the note's form.
  function noteStatus(text) {
    const form = text.closest("form");
    let status = form.querySelector("[data-note-status]");
    if (!status) {
      status = document.createElement("p");
      status.className = "save-status";
      status.setAttribute("role", "status");
      status.dataset.noteStatus = "";
      form.append(status);
    }
    return status;
  }

  function missing() {
    document.getElementById("opening-missing").hidden = false;
    document.getElementById("opening-status").hidden = true;
    page.querySelectorAll(".run").forEach((run) => (run.hidden = true));
  }

  // Nothing is posted from here; a note's form keeps the note with the opening.
  page.addEventListener("submit", (event) => {
    event.preventDefault();
    const step = event.target.closest(STEP);
    const text = event.target.querySelector("textarea[name=note]");
    if (!step || !text) return;
    const key = keyOf(step);
    const note = { text: text.value.trim(), givenAt: new Date().toISOString() };
    update((item) => {
      const notes = { ...(item.notes || {}) };
      if (note.text) notes[key] = note;
      else delete notes[key];
      return { ...item, notes };
    })
      .then(() => (noteStatus(text).textContent = note.text ? keptWords(note.givenAt) : ""))
      .catch(() => {});
  });
  page.addEventListener("change", (event) => {
    const step = event.target.closest && event.target.closest(STEP);
    if (!step || event.target.closest(".note-editor")) return; // a note is kept when its form is sent
    const givenAt = new Date().toISOString();
    const given = values(step);
    const dropped = showSteps();
    update((item) => {
      const answers = { ...(item.answers || {}) };
      if (given.length) answers[keyOf(step)] = { values: given, givenAt };
      else delete answers[keyOf(step)];
      const notes = { ...(item.notes || {}) };
      dropped.forEach((key) => {
        delete answers[key];
        delete notes[key];
      });
      return { ...item, answers, notes };
    })
      .then(() => {
        const status = step.querySelector("[data-save-status]");
        if (status) status.textContent = given.length ? keptWords(givenAt) : "";
      })
      .catch(() => {});
  });

  // The opening has reached the server: its case is where the answers are now.
  window.addEventListener("rusplan:opened", (event) => {
    if (event.detail.item.seq === seq) window.location.replace(event.detail.url);
  });

  if (!seq) {
    missing();
    return;
  }
  openings
    .store("readonly", (items) => items.get(seq))
    .then((item) => {
      if (!item) return missing();
      const heading = document.getElementById("opening-heading");
      heading.textContent = page.dataset.provisional.replace("{number}", seq) + (item.label ? ` · ${item.label}` : "");
      restore(item);
      showSteps();
      if (navigator.onLine) openings.send();
    })
    .catch(() => {});
})();
