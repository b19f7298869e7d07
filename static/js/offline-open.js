// Opening a case without a connection (issue #22). The new-case form (kept on the phone by the service
// worker) sent offline is kept in IndexedDB ("rusplan-openings") and shown as "Provisional 1", "Provisional 2"
// with the time it was given; when the connection returns each is sent once, in order, with the key the
// form carries (the server opens one case per key, cases/opened_once.py), and the phone shows the case's
// real reference with a link to it. Signing out wipes the store (Clear-Site-Data).
(() => {
  const form = document.querySelector("form.open-case");
  const section = document.getElementById("openings");
  const list = document.getElementById("openings-list");
  if (!form || !section || !list || !window.indexedDB) return;
  const words = section.dataset;
  let opening = null;
  let sending = null;
  const opened = []; // sent from this page: shown with their real reference

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
        ...opened.map(({ item, reference, href }) => line(item, words.opened.replace("{reference}", reference), href)),
        ...waiting.map((item) => line(item, words.waiting.replace("{time}", time(item.givenAt)))),
      );
      section.hidden = !list.children.length;
    });
  }

  // Each waiting opening once, in order; the case's page names its reference.
  function send() {
    if (sending) return sending;
    sending = store("readonly", (items) => items.getAll())
      .then(async (waiting) => {
        for (const item of waiting) {
          let response;
          try {
            response = await fetch(item.url, { method: "POST", body: new URLSearchParams(item.params), credentials: "same-origin" });
          } catch {
            break; // still no connection
          }
          if (!response.ok || !response.redirected) break; // signed out or refused: kept, tried again later
          const page = new DOMParser().parseFromString(await response.text(), "text/html");
          const heading = page.querySelector("[data-case-reference]");
          const reference = heading ? heading.dataset.caseReference : "";
          await store("readwrite", (items) => items.delete(item.seq));
          opened.push({ item, reference, href: new URL(response.url).pathname });
        }
      })
      .then(() => show())
      .catch(() => {})
      .finally(() => {
        sending = null;
      });
    return sending;
  }

  form.addEventListener("submit", (event) => {
    if (navigator.onLine) return; // with a connection: the ordinary form post
    event.preventDefault();
    if (!new FormData(form).get("checklist")) {
      const first = form.querySelector("[name=checklist]");
      if (first) first.focus(); // a situation must be chosen, as online
      return;
    }
    const params = Array.from(new FormData(form).entries()).filter(([, value]) => typeof value === "string");
    const label = form.elements.label ? form.elements.label.value : "";
    const item = { url: form.action || window.location.pathname, params, label, givenAt: new Date().toISOString() };
    store("readwrite", (items) => items.add(item))
      .then(() => {
        form.reset();
        form.elements.client_key.value = window.crypto.randomUUID(); // the next opening is another case
        return show();
      })
      .catch(() => {});
  });

  window.addEventListener("online", () => send());
  show().then(() => navigator.onLine && send());
})();
