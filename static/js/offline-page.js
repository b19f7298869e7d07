// The offline page (issue #22): lists the case pages the service worker keeps on this phone (the pages of
// the signed-in person only: the worker keeps no one else's), titled as they were when opened.
(() => {
  const list = document.getElementById("offline-cases");
  const none = document.getElementById("offline-none");
  if (!list || !window.caches) return;
  const CASE_PAGE = /^\/app\/schools\/[^/]+\/cases\/\d+$/;

  async function keptCases() {
    const found = new Map();
    for (const name of await caches.keys()) {
      if (!/^rusplan-.+-pages-/.test(name) || name.endsWith("-pages-visitor")) continue;
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const url = new URL(request.url);
        if (!CASE_PAGE.test(url.pathname) || found.has(url.pathname)) continue;
        const html = await (await cache.match(request)).text();
        const title = new DOMParser().parseFromString(html, "text/html").querySelector("h1");
        found.set(url.pathname, title ? title.textContent.trim() : url.pathname);
      }
    }
    return found;
  }

  keptCases().then((found) => {
    found.forEach((title, path) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = path;
      link.textContent = title;
      item.append(link);
      list.append(item);
    });
    list.hidden = found.size === 0;
    if (none) none.hidden = found.size > 0;
  });
})();
