"""Every form and filter of the app, fed generated garbage: the answer is never a 500.

The field names are the app's own: a crawl reads every <form> (and its data-hx-post) and the query string of
every link on the pages, as someone allowed to see them. Hypothesis then sends each route, as someone
allowed to use it, real values mixed with garbage (control characters, NUL, right-to-left text, huge
numbers, very long text), repeated and missing fields and made-up names, as a plain request and as htmx.
Each example runs in a transaction that is rolled back, so no example sees what another one changed.
"""

import pytest

# Their asserts fail the tests: rewritten as in a test module, so a failure shows the values compared.
pytest.register_assert_rewrite(f"{__name__}.client", f"{__name__}.fuzzing")
