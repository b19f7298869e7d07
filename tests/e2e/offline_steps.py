"""Steps for the service worker's browser tests (issue #22): wait for it, read Cache Storage."""

import time

from playwright.sync_api import expect


def controlled(page) -> None:
    """Wait until the service worker controls the page (it claims the pages open when it activates)."""
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null")


def cache_names(page) -> list[str]:
    return page.evaluate("() => caches.keys()")


def kept_paths(page) -> dict[str, list[str]]:
    """Every URL path kept in Cache Storage, per cache (the worker's "-static" files left out)."""
    return page.evaluate(
        """async () => {
            const found = {};
            for (const name of await caches.keys()) {
              if (name.endsWith("-static")) continue;
              const cache = await caches.open(name);
              found[name] = (await cache.keys()).map((request) => new URL(request.url).pathname);
            }
            return found;
        }"""
    )


def reader_language(page) -> str | None:
    """The language the worker shows its offline page in (of the last page the reader loaded)."""
    return page.evaluate(
        """async () => {
            const kept = await (await caches.open("rusplan-owner")).match("/owner");
            return kept ? (await kept.json()).lang : null;
        }"""
    )


def eventually(page, check, what: str, timeout: float = 10.0):
    """Poll `check()` (it reads Cache Storage, which answers with a promise) until it is true."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        page.wait_for_timeout(100)


def wait_until_kept(page, path: str) -> None:
    eventually(
        page,
        lambda: any(path in paths for name, paths in kept_paths(page).items() if "-pages-" in name),
        f"{path} kept by the worker",
    )


def wait_until_everything_kept(page) -> None:
    """Wait until the worker keeps every page it keeps for the signed-in person (/app/offline.json): their
    schools' public pages, the new-case form and each checklist it offers. Until then its requests are
    still on their way, each bringing the session cookie back."""
    wanted = page.evaluate(
        "() => fetch('/app/offline.json').then((r) => r.json()).then((a) => [...a.schools, ...a.cases])"
    )
    eventually(
        page,
        lambda: set(wanted) <= {p for name, paths in kept_paths(page).items() if "-pages-" in name for p in paths},
        "every page of the person kept",
    )


def offline_reload_shows(page, text: str) -> None:
    page.context.set_offline(True)
    page.reload()
    expect(page.locator("h1")).to_contain_text(text)


def keep_checklists_in(page, new_case: str, lang: str) -> None:
    """Open the new-case form in `lang` and wait until the phone keeps the checklist of every situation it
    offers in that language. The worker first keeps them in whatever language the session had when it
    learnt who the reader is; the form, opened again once that is done, has them fetched in `lang`."""
    page.goto(f"{new_case}?lang={lang}")
    paths = page.evaluate(
        "() => Array.from(document.querySelectorAll('input[name=checklist]'), (i) => `${location.pathname}/${i.value}`)"
    )
    script = """async ([paths, lang]) => {
        for (const path of paths) {
          const kept = await caches.match(path, { ignoreVary: true });
          if (!kept || (lang && !(await kept.text()).includes(`<html lang="${lang}"`))) return false;
        }
        return true;
    }"""
    eventually(page, lambda: page.evaluate(script, [paths, None]), "the checklists kept")
    page.goto(f"{new_case}?lang={lang}")
    eventually(page, lambda: page.evaluate(script, [paths, lang]), f"the checklists kept in {lang}")
