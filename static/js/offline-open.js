// Opening a case without a connection (issue #22). The new-case form (kept on the phone by the service
// worker) sent offline is kept in IndexedDB ("rusplan-openings") and shown as "Provisional 1", "Provisional 2"
// with the time it was given; the phone then shows the new case's checklist (its page is kept too,
// cases/offline_opening.py), whose answers wait with the opening (offline-case.js). When the connection
// returns each opening is sent once, in order, with its answers and the key the form carries (the server
// opens one case per key, cases/opened_once.py), and the phone shows the case's real reference with a link
// to it. Signing out wipes the store (Clear-Site-Data).
(() => {
  if (!window.indexedDB) return;
  let opening = null;
  let sending = null;

  function store(mode, work) {
    opening =
      opening ||
      new Promise((resolve, reject) => {
        const request = indexedDB.open("rusplan-openings", 1);
        request.onupgradeneeded = () => request.result.createObjectStore("items", { keyPath: "seq", autoIncrement: true });
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    return opening.then(
      (db) =>
        new Promise((resolve, reject) => {
          const transaction = db.transaction("items", mode);
          const request = work(transaction.objectStore("items"));
          transaction.oncomplete = () => resolve(request.result);
          transaction.onerror = () => reject(transaction.error);
        }),
    );
  }

  // The opening as the form sent it, with each answer and note given in its checklist and when it was given.
  const body = (item) =>
    new URLSearchParams([
      ...item.params,
      ...Object.entries(item.answers || {}).flatMap(([key, answer]) => [...answer.values, [`given-${key}`, answer.givenAt]]),
      ...Object.entries(item.notes || {}).flatMap(([key, note]) => [
        [`note-${key}`, note.text],
        [`note-given-${key}`, note.givenAt],
      ]),
    ]);

  // Each waiting opening once, in order; the server says the case's reference and where it is. The page
  // is told ("rusplan:opened"): the list names the case, a provisional case's checklist goes to the case.
  function send() {
    if (sending) return sending;
    sending = store("readonly", (items) => items.getAll())
      .then(async (waiting) => {
        for (const item of waiting) {
          let response;
          try {
            response = await fetch(item.url, { method: "POST", body: body(item), headers: { "X-Offline": "opening" }, credentials: "same-origin" });
          } catch {
            break; // still no connection
          }
          if (response.status !== 201) break; // signed out or refused: kept, tried again later
          const { reference, url } = await response.json();
          await store("readwrite", (items) => items.delete(item.seq));
          window.dispatchEvent(new CustomEvent("rusplan:opened", { detail: { item, reference, url } }));
        }
      })
      .catch(() => {})
      .finally(() => {
        sending = null;
      });
    return sending;
  }

  window.rusplanOpenings = { store, send };
  window.addEventListener("online", () => send());

  const form = document.querySelector("form.open-case");
  const section = document.getElementById("openings");
  const list = document.getElementById("openings-list");
  if (!form || !section || !list) return;
  const words = section.dataset;
  const opened = []; // sent from this page: shown with their real reference

  const time = (iso) => new Date(iso).toLocaleTimeString(document.documentElement.lang || undefined, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

  function line(item, text, href) {
    const entry = document.createElement("li");
    const name = document.createElement("strong");
    name.textContent = words.provisional.replace("{number}", item.seq);
    entry.append(name, item.label ? ` · ${item.label}` : "", " · ");
    if (href) {
      const link = document.createElement("a");
      link.href = href;
      link.textContent = text;
      entry.append(link);
    } else entry.append(text);
    return entry;
  }

  function show() {
    return store("readonly", (items) => items.getAll()).then((waiting) => {
      list.replaceChildren(
        ...opened.map(({ item, reference, url }) => line(item, words.opened.replace("{reference}", reference), url)),
        ...waiting.map((item) => line(item, words.waiting.replace("{time}", time(item.givenAt)), item.checklist && `${item.checklist}#opening-${item.seq}`)),
      );
      section.hidden = !list.children.length;
    });
  }

  window.addEventListener("rusplan:opened", (event) => {
    opened.push(event.detail);
    show();
  });

  const checklistPage = (versionId) => `${window.location.pathname.replace(/\/$/, "")}/${versionId}`;

  // With a connection, the phone keeps the checklist of each situation as the reader reads it now (sw.js).
  const worker = navigator.serviceWorker && navigator.serviceWorker.controller;
  if (navigator.onLine && worker) {
    const paths = Array.from(form.querySelectorAll("input[name=checklist]"), (input) => checklistPage(input.value));
    worker.postMessage({ type: "keep", paths });
  }

  // The new case's checklist, when the phone keeps its page (else the opening waits in the list here).
  async function keptChecklist(versionId) {
    const url = checklistPage(versionId);
    const kept = window.caches && (await window.caches.match(url, { ignoreSearch: true, ignoreVary: true }).catch(() => null));
    return kept ? url : null;
  }

  form.addEventListener("submit", async (event) => {
    if (navigator.onLine) return; // with a connection: the ordinary form post
    event.preventDefault();
    const chosen = new FormData(form).get("checklist");
    if (!chosen) {
      const first = form.querySelector("[name=checklist]");
      if (first) first.focus(); // a situation must be chosen, as online
      return;
    }
    const params = Array.from(new FormData(form).entries()).filter(([, value]) => typeof value === "string");
    const label = form.elements.label ? form.elements.label.value : "";
    const checklist = await keptChecklist(chosen);
    const item = { url: form.action || window.location.pathname, params, label, checklist, answers: {}, givenAt: new Date().toISOString() };
    store("readwrite", (items) => items.add(item))
      .then((seq) => {
        form.reset();
        form.elements.client_key.value = window.crypto.randomUUID(); // the next opening is another case
        if (checklist) window.location.assign(`${checklist}#opening-${seq}`);
        return show();
      })
      .catch(() => {});
  });

  show().then(() => navigator.onLine && send());
})();
