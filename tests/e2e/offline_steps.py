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


def offline_reload_shows(page, text: str) -> None:
    page.context.set_offline(True)
    page.reload()
    expect(page.locator("h1")).to_contain_text(text)
