// The service worker (issue #22), served at /sw.js with the release and the files to keep prepended
// (self.RUSPLAN, intranet/offline/views.py).
//
// Caches, all named "rusplan-<release>-...": "-static" (our files, whose URLs carry their hash, and the
// offline page in nb, nn and en) and "-pages-<owner>" (the pages of ONE reader: the key the server gives
// a signed-in person, never their id, or "visitor"). Pages: the case pages opened recently and the
// dashboard, network first, the cache only without a connection; the public pages of the person's schools
// (or, for a visitor, of the schools they opened). A response for another reader drops every other
// reader's pages; signing out drops them too. A new release takes over at once but never reloads a page:
// the page offers a reload (sw-register.js) and holds it back while answers wait on the phone.
const { release, assets, offlinePages } = self.RUSPLAN;
const PREFIX = "rusplan-";
const STATIC = `${PREFIX}${release}-static`;
const OWNER = `${PREFIX}owner`; // who the pages are kept for, and their language
const PAGES_KEPT = 30;
const CASE_PAGE = /^\/app\/schools\/[^/]+\/cases\/(\d+|new|new\/\d+)$/; // a case, the form that opens one, a new case's checklist
const PUBLIC_PAGE = /^\/(?!app\/|auth\/|static\/)[a-z0-9-]+\/$/;
const pagesOf = (owner) => `${PREFIX}${release}-pages-${owner}`;
// A page fetched to keep, not to show: the server leaves its flash messages for the page the person is
// going to (a message taken by a kept copy would never be seen, and the copy would show it offline later).
const KEEPING = { credentials: "same-origin", headers: { "X-Offline-Keep": "1" } };

// Changes to the caches happen one after another: two pages loading at once must not see "no reader yet"
// both, and one drop the pages the other has just kept.
let turn = Promise.resolve();
function inTurn(work) {
  const run = turn.then(work);
  turn = run.catch(() => {});
  return run;
}

async function currentOwner() {
  const found = await (await caches.open(OWNER)).match("/owner");
  return found ? found.json() : { owner: null, lang: "nb" };
}

async function setOwner(owner, lang) {
  const body = JSON.stringify({ owner, lang });
  await (await caches.open(OWNER)).put("/owner", new Response(body, { headers: { "Content-Type": "application/json" } }));
}

// Everything but this release's files and `owner`'s pages goes.
async function keepOnly(owner) {
  const keep = new Set([STATIC, OWNER, owner && pagesOf(owner)]);
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(PREFIX) && !keep.has(name)).map((name) => caches.delete(name)));
}

function forgetReader() {
  return inTurn(async () => {
    await keepOnly(null);
    await caches.delete(OWNER);
  });
}

// The public pages of a signed-in person's schools are kept as soon as we know who they are, and where they
// may open cases, the form that opens one and each checklist a new case starts with (worked through offline).
async function keepSchoolPages(owner) {
  try {
    const response = await fetch("/app/offline.json", { credentials: "same-origin" });
    if (!response.ok) return;
    const about = await response.json();
    if (about.user !== owner) return;
    // One at a time, each read as it comes; one kept meanwhile (a page opened, or asked for by the new-case
    // form in the reader's language) is newer and stays.
    for (const url of [...about.schools, ...(about.cases || [])]) {
      const page = await fetch(url, KEEPING);
      const same = await inTurn(async () => {
        if ((await currentOwner()).owner !== owner) return false; // someone else signed in meanwhile
        const cache = await caches.open(pagesOf(owner));
        const fresh = page.ok && !page.redirected && page.headers.get("X-Offline-Owner") === owner;
        if (fresh && !(await cache.match(url, { ignoreVary: true }))) await cache.put(url, page);
        return true;
      });
      if (!same) return;
    }
  } catch {
    // no connection: kept the next time
  }
}

// A page says whose it is (X-Offline-Owner): another reader than before drops the pages kept so far.
async function learnOwner(event, response) {
  const owner = response.headers.get("X-Offline-Owner");
  if (!owner) return null;
  const lang = response.headers.get("X-Offline-Lang") || "nb";
  const changed = await inTurn(async () => {
    const before = await currentOwner();
    if (before.owner !== owner || before.lang !== lang) await setOwner(owner, lang);
    if (before.owner !== owner) await keepOnly(owner);
    return before.owner !== owner;
  });
  if (changed && owner !== "visitor") event.waitUntil(keepSchoolPages(owner));
  return owner;
}

function worthKeeping(url, owner) {
  if (url.pathname === "/app/" || CASE_PAGE.test(url.pathname)) return owner !== "visitor";
  return PUBLIC_PAGE.test(url.pathname);
}

function keepPage(owner, request, response) {
  return inTurn(async () => {
    if ((await currentOwner()).owner !== owner) return;
    const cache = await caches.open(pagesOf(owner));
    await cache.delete(request, { ignoreVary: true }); // the newest goes to the end
    await cache.put(request, response);
    const kept = await cache.keys();
    await Promise.all(kept.slice(0, Math.max(0, kept.length - PAGES_KEPT)).map((old) => cache.delete(old)));
  });
}

async function keptPage(request) {
  const { owner } = await currentOwner();
  if (!owner) return null;
  const cache = await caches.open(pagesOf(owner));
  return (await cache.match(request, { ignoreVary: true })) || cache.match(request, { ignoreVary: true, ignoreSearch: true });
}

async function offlinePage() {
  const { lang } = await currentOwner();
  const cache = await caches.open(STATIC);
  return cache.match(offlinePages[lang] || offlinePages.nb);
}

async function networkFirst(event, url) {
  try {
    const response = await fetch(event.request);
    const owner = await learnOwner(event, response);
    if (owner && response.ok && !response.redirected && worthKeeping(url, owner)) {
      event.waitUntil(keepPage(owner, event.request, response.clone()));
    }
    return response;
  } catch (error) {
    const kept = await keptPage(event.request);
    if (kept) return kept;
    if (url.pathname.startsWith("/app/")) return offlinePage();
    throw error;
  }
}

// The page open when the worker first takes over was loaded without it: kept now, so a page opened once
// (a visitor's school page, the first case page) reads offline.
async function keepOpenPage(url) {
  if (url.origin !== self.location.origin || !(url.pathname === "/app/" || CASE_PAGE.test(url.pathname) || PUBLIC_PAGE.test(url.pathname))) return;
  try {
    const response = await fetch(url.href, KEEPING);
    const owner = await learnOwner({ waitUntil: (promise) => promise }, response);
    if (owner && response.ok && !response.redirected && worthKeeping(url, owner)) await keepPage(owner, new Request(url.href), response);
  } catch {
    // no connection
  }
}

async function ourFile(request) {
  const cache = await caches.open(STATIC);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok && new URL(request.url).searchParams.has("v")) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(STATIC);
      await cache.addAll(assets);
      // The offline page is the same for everybody: fetched without the person's cookies.
      await Promise.all(Object.values(offlinePages).map(async (url) => cache.put(url, await fetch(url, { credentials: "omit" }))));
      await self.skipWaiting();
    })(),
  );
});

// A new release: the pages kept for the reader are fetched again (they name the new files), the older
// release's caches go, and the open pages are told (they offer a reload; they are never reloaded).
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const { owner } = await currentOwner();
      const names = await caches.keys();
      const older = names.filter((name) => owner && name !== pagesOf(owner) && name.startsWith(PREFIX) && name.endsWith(`-pages-${owner}`));
      const fresh = owner && (await caches.open(pagesOf(owner)));
      for (const name of older) {
        for (const request of await (await caches.open(name)).keys()) {
          try {
            const response = await fetch(request.url, KEEPING);
            if (response.ok && !response.redirected && response.headers.get("X-Offline-Owner") === owner) await fresh.put(request.url, response);
          } catch {
            // without a connection the page is kept again when it is next opened
          }
        }
      }
      await inTurn(() => keepOnly(owner));
      await self.clients.claim();
      for (const client of await self.clients.matchAll({ type: "window" })) {
        client.postMessage({ type: "new-release", release });
        await keepOpenPage(new URL(client.url));
      }
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === "/auth/logout") {
    event.waitUntil(forgetReader()); // the request itself goes on as usual
    return;
  }
  if (request.method !== "GET") return;
  if (url.pathname.startsWith("/static/")) event.respondWith(ourFile(request));
  else if (request.mode === "navigate" && (url.pathname.startsWith("/app/") || PUBLIC_PAGE.test(url.pathname))) {
    event.respondWith(networkFirst(event, url));
  }
});

// A page names pages the reader may need offline, fetched now in the reader's language (the new-case form:
// the checklist each situation starts with, offline-open.js); only a signed-in reader's case pages.
async function keepPages(paths) {
  for (const path of paths) {
    const url = new URL(path, self.location.origin);
    if (url.origin !== self.location.origin || !CASE_PAGE.test(url.pathname)) continue;
    try {
      const response = await fetch(url.href, KEEPING);
      const owner = response.headers.get("X-Offline-Owner");
      if (owner && owner !== "visitor" && response.ok && !response.redirected) await keepPage(owner, new Request(url.href), response);
    } catch {
      // no connection: kept the next time the page asks
    }
  }
}

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "signed-out") event.waitUntil(forgetReader());
  if (event.data && event.data.type === "keep" && Array.isArray(event.data.paths)) event.waitUntil(keepPages(event.data.paths.slice(0, PAGES_KEPT)));
});
