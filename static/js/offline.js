// A checklist that keeps working without a signal (issue #22).
//
// A tick, a choice or a note on a case's step that cannot reach the server for lack of a connection is
// kept on this phone (IndexedDB, the store "rusplan-outbox") with the time it was given, shown next to
// its step as "saved on this phone, not yet sent", and sent in order, each once, when the connection
// returns. Each answer carries a key the page makes (client_key): the server keeps it, so an answer sent
// twice is still one answer (cases/sent.py). What the server refuses (a colleague's answer came first, the
// case was closed, the step is hidden now) is shown next to its step and not tried again; a colleague's
// answer comes with the choice "Use mine" / "Keep theirs" (cases/conflicts.py). Signing out wipes the
// store (here, and by the sign-out response's Clear-Site-Data header).
(() => {
  const DB = "rusplan-outbox";
  const STORE = "items";
  const CASE_URL = /\/cases\/(\d+)\/runs\/\d+\/fields\//;
  const lastSent = new WeakMap(); // step form → what its last request sent
  let opening = null;
  let pending = 0; // items waiting in the outbox, as last counted
  let flushing = null;

  function open() {
    if (!window.indexedDB) return Promise.reject(new Error("IndexedDB is not available"));
    opening =
      opening ||
      new Promise((resolve, reject) => {
        const request = indexedDB.open(DB, 1);
        request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "seq", autoIncrement: true });
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    return opening;
  }

  function inStore(mode, work) {
    return open().then(
      (db) =>
        new Promise((resolve, reject) => {
          const transaction = db.transaction(STORE, mode);
          const request = work(transaction.objectStore(STORE));
          transaction.oncomplete = () => resolve(request.result);
          transaction.onerror = () => reject(transaction.error);
        }),
    );
  }

  const items = () => inStore("readonly", (store) => store.getAll()); // in the order they were given
  const keep = (item) => inStore("readwrite", (store) => store.add(item));
  const forget = (seq) => inStore("readwrite", (store) => store.delete(seq));

  function stepForm(element) {
    const form = element && element.closest ? element.closest("form") : null;
    return form && form.closest(".step") && CASE_URL.test(form.getAttribute("action") || "") ? form : null;
  }

  function words(name, time) {
    const own = document.getElementById("outbox-words"); // the case page's words, besides the body's
    const text = document.body.dataset[name] || (own && own.dataset[name]) || "";
    return time ? text.replace("{time}", new Date(time).toLocaleTimeString(document.documentElement.lang || undefined, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })) : text;
  }

  // Every answer from a case's step says which it is and when it was given.
  document.addEventListener("htmx:configRequest", (event) => {
    const form = stepForm(event.detail.elt);
    if (!form) return;
    const data = event.detail.formData;
    const key = window.crypto.randomUUID();
    const carried = form.querySelector("input[name=given_at]"); // "Use mine": the time it was first given
    const givenAt = (carried && carried.value) || new Date().toISOString();
    if (data) {
      data.set("client_key", key);
      data.set("given_at", givenAt);
    } else {
      event.detail.parameters.client_key = key;
      event.detail.parameters.given_at = givenAt;
    }
    const entries = data ? Array.from(data.entries()) : Object.entries(event.detail.parameters);
    lastSent.set(form, { url: event.detail.path, params: entries.filter(([, value]) => typeof value === "string"), key, givenAt });
  });

  // What the server answered about an answer waiting on the phone: taken (2xx) or refused (4xx: a
  // colleague's newer answer, a closed case, a hidden step, a step or case gone) is settled and never tried
  // again; no connection (0), the server failing (5xx) or busy (408, 429) is not: it waits on the phone.
  const RETRIED = new Set([0, 408, 429]);
  const settled = (status) => !RETRIED.has(status) && status < 500;

  // Kept on the phone when it could not be sent (caught before app.js says "Not saved" and undoes the tick).
  // A live answer the server failed is not: app.js says "Not saved" next to the step, to be tried again.
  document.addEventListener("htmx:sendError", keepOnPhone, true);

  function keepOnPhone(event) {
    const form = stepForm(event.detail.elt);
    const sent = form && lastSent.get(form);
    if (!sent || !window.indexedDB) return;
    event.detail.keptOnPhone = true;
    const caseId = Number(CASE_URL.exec(sent.url)[1]);
    keep({ caseId, step: form.closest(".step").id, url: sent.url, params: sent.params, key: sent.key, givenAt: sent.givenAt })
      .then(showPending)
      .catch(() => {});
  }

  // Each waiting answer next to its step, the step's controls as it was given.
  function showPending() {
    return items().then((waiting) => {
      pending = waiting.length;
      waiting.forEach((item) => {
        const step = document.getElementById(item.step);
        const form = step && step.querySelector("form");
        if (!step) return;
        const status = step.querySelector("[data-save-status]");
        if (status) {
          status.textContent = words("keptOnPhone", item.givenAt);
          status.classList.remove("error");
          status.classList.add("kept-on-phone");
        }
        if (form && !item.url.endsWith("/note")) given(form, item.params);
      });
      return waiting;
    });
  }

  function given(form, params) {
    form.querySelectorAll("input[name], select[name], textarea[name]").forEach((element) => {
      if (element.type === "hidden" || !/^r\d+-/.test(element.name)) return;
      const values = params.filter(([name]) => name === element.name).map(([, value]) => value);
      if (element.type === "checkbox" || element.type === "radio") element.checked = values.includes(element.value);
      else if (element.tagName === "SELECT") Array.from(element.options).forEach((o) => (o.selected = values.includes(o.value)));
      else element.value = values[0] || "";
    });
  }

  // A refusal the server did not explain next to the step (not 409) is said there, with the time given.
  function refused(item) {
    const step = document.getElementById(item.step);
    const status = step && step.querySelector("[data-save-status]");
    if (!status) return;
    status.textContent = words("refused", item.givenAt);
    status.classList.remove("kept-on-phone");
    status.classList.add("error");
  }

  // The page's own token: one kept since an earlier page may be out of date.
  function freshToken(body) {
    const token = document.querySelector("input[name=csrf_token]");
    if (token && body.has("csrf_token")) body.set("csrf_token", token.value);
  }

  // In order, each once (see `settled`; signed out, a redirect to sign in, is status 0 here and
  // waits); what the server sent back (the step, a conflict next to it with
  // the choice "Use mine" / "Keep theirs") is swapped in.
  function flush() {
    if (flushing) return flushing;
    flushing = items()
      .then(async (waiting) => {
        let reload = false;
        for (const item of waiting) {
          const body = new URLSearchParams(item.params);
          const seen = document.getElementById(`case-${item.caseId}-seen`);
          if (seen) body.set("seen", seen.value);
          freshToken(body);
          let response;
          try {
            response = await fetch(item.url, { method: "POST", body, headers: { "HX-Request": "true" }, credentials: "same-origin", redirect: "manual" });
          } catch {
            break; // still no connection
          }
          if (!settled(response.status)) break;
          await forget(item.seq);
          if (response.status >= 400 && response.status !== 409) {
            refused(item);
            continue;
          }
          const html = await response.text();
          if (response.headers.get("HX-Refresh")) reload = true;
          else if (html && window.htmx) window.htmx.swap(document.body, html, { swapStyle: "none" });
        }
        return reload;
      })
      .then((reload) => {
        if (reload) window.location.reload();
        return showPending();
      })
      .catch(() => {})
      .finally(() => {
        flushing = null;
      });
    return flushing;
  }

  // A new answer waits until the older ones have been sent, so they never overwrite it.
  document.addEventListener("htmx:confirm", (event) => {
    if (!pending || !stepForm(event.detail.elt)) return;
    event.preventDefault();
    flush().then(() => event.detail.issueRequest(true));
  });

  // A step swapped in (a colleague's answer, the poll) loses its "not yet sent": it is shown again.
  document.addEventListener("htmx:afterSettle", () => {
    if (pending) showPending().catch(() => {});
  });

  // "Keep theirs" (cases/_conflict.html): the answers waiting on this phone for the step are dropped (a
  // note is never a conflict: it stays to be sent), the step already shows theirs, and nothing is sent.
  // Without a script the same button loads the page at the step.
  let chosenIn = null; // the step whose conflict was just settled, to give its control the focus
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.matches || !form.closest(".step")) return;
    if (form.matches("form[data-use-mine]")) chosenIn = form.closest(".step").id;
    if (!form.matches("form[data-keep-theirs]")) return;
    event.preventDefault();
    const step = form.closest(".step");
    drop(step.id).catch(() => {});
    step.querySelector(".refusal").remove();
    const status = step.querySelector("[data-save-status]");
    if (status) {
      status.textContent = "";
      status.classList.remove("error", "kept-on-phone");
    }
    firstControl(step).focus();
  });

  function drop(stepId) {
    return items().then((waiting) => Promise.all(waiting.filter((item) => item.step === stepId && !item.url.endsWith("/note")).map((item) => forget(item.seq)))).then(showPending);
  }

  // The step's answer as it stands (a choice's checked button), else its first control.
  const firstControl = (step) =>
    step.querySelector("input[type=radio]:checked") || step.querySelector("input:not([type=hidden]), select, textarea, button") || step;

  // A refusal next to a step is announced (role="alert"); the focus goes to it when the step the user was
  // on was swapped (their control is gone or they were in that step), never away from elsewhere on the
  // page. After "Use mine" is saved, the step's control takes the focus the button had.
  document.addEventListener("htmx:afterSettle", () => {
    const lost = !document.activeElement || document.activeElement === document.body;
    document.querySelectorAll(".step .refusal[tabindex]:not([data-shown])").forEach((message) => {
      message.dataset.shown = "true";
      const step = message.closest(".step");
      if (lost || step.contains(document.activeElement)) message.focus({ preventScroll: false });
    });
    const chosen = chosenIn && document.getElementById(chosenIn);
    chosenIn = null;
    if (chosen && !chosen.querySelector(".refusal") && (!document.activeElement || document.activeElement === document.body)) {
      firstControl(chosen).focus();
    }
  });

  // Signing out wipes what waits on this phone.
  document.addEventListener("submit", (event) => {
    if (event.target.matches && event.target.matches("form[data-sign-out]") && window.indexedDB) {
      indexedDB.deleteDatabase(DB);
    }
  });

  window.addEventListener("online", () => flush());
  setInterval(() => {
    if (pending && navigator.onLine) flush();
  }, 20000);
  if (document.body.dataset.keptOnPhone && window.indexedDB) {
    showPending()
      .then(() => pending && navigator.onLine && flush())
      .catch(() => {});
  }
})();
