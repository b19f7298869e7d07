"""Checking that an action was answered by an htmx swap in the same page, not by a page load."""


def watch_for_reloads(page) -> None:
    """Leave a marker in the page's window (gone after a full page load) and count htmx swaps."""
    page.evaluate(
        """() => {
            window.notReloaded = true;
            window.swaps = 0;
            document.addEventListener("htmx:afterSettle", () => { window.swaps += 1; });
        }"""
    )


def assert_not_reloaded(page) -> None:
    assert page.evaluate("window.notReloaded === true"), f"the page was loaded anew (not swapped by htmx): {page.url}"


def swapped(page, action) -> None:
    """Do `action` (click, choose, tick, save a note) and wait until htmx has swapped in the answer,
    in the same page."""
    before = page.evaluate("window.swaps")
    action()
    page.wait_for_function("before => window.swaps === undefined || window.swaps > before", arg=before)
    assert_not_reloaded(page)
