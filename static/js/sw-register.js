// Registers the service worker (sw.js, issue #22) for the whole site, and says when a new release has
// taken over: the page is never reloaded under the person's fingers; they reload when it suits them, and
// not while answers wait on this phone to be sent (offline.js keeps them in IndexedDB "rusplan-outbox").
(() => {
  if (!("serviceWorker" in navigator)) return;
  const script = document.currentScript;
  const hadWorker = Boolean(navigator.serviceWorker.controller);

  function waitingOnPhone() {
    if (!window.indexedDB) return Promise.resolve(0);
    return new Promise((resolve) => {
      const open = indexedDB.open("rusplan-outbox");
      open.onupgradeneeded = () => open.transaction.abort(); // no outbox yet: nothing waits
      open.onerror = () => resolve(0);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains("items")) return resolve(db.close() || 0);
        const count = db.transaction("items").objectStore("items").count();
        count.onsuccess = () => resolve(db.close() || count.result);
        count.onerror = () => resolve(db.close() || 0);
      };
    });
  }

  function offerReload() {
    const main = document.getElementById("main");
    if (!main || !script.dataset.newRelease || document.getElementById("new-release")) return;
    const note = document.createElement("div");
    note.id = "new-release";
    note.className = "flash flash-info new-release";
    note.setAttribute("role", "status");
    const text = document.createElement("p");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = script.dataset.reload;
    button.addEventListener("click", () => {
      waitingOnPhone().then((count) => {
        if (count) text.textContent = script.dataset.waitForOutbox;
        else window.location.reload();
      });
    });
    text.textContent = script.dataset.newRelease;
    note.append(text, button);
    main.prepend(note);
  }

  navigator.serviceWorker.register(script.dataset.worker, { scope: "/" }).catch(() => {});
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data && event.data.type === "new-release" && hadWorker) offerReload();
  });

  // Signing out: the worker drops the pages it kept for this person (the response's Clear-Site-Data too).
  document.addEventListener("submit", (event) => {
    if (event.target.matches && event.target.matches("form[data-sign-out]") && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "signed-out" });
    }
  });
})();
