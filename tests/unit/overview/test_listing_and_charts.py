"""Sorting and filtering read from the query string (anything else falls back), and the charts' bars."""

from types import SimpleNamespace

from werkzeug.datastructures import MultiDict

from intranet.overview.charts import bar_chart
from intranet.overview.listing import apply, listing_from


def _row(name, staff, published=True):
    school = SimpleNamespace(name=name, slug=name.lower())
    return SimpleNamespace(school=school, staff=staff, published=published, revision=1 if published else None)


def test_unknown_sort_direction_and_filter_values_fall_back_to_the_defaults():
    listing = listing_from(MultiDict({"sort": "__class__", "dir": "up", "published": "maybe", "q": "  x  "}))
    assert (listing.sort, listing.descending, listing.filters, listing.query) == ("name", False, {}, "x")


def test_sorting_and_filtering_keep_each_other_in_their_links():
    listing = listing_from(MultiDict({"sort": "staff", "dir": "desc", "published": "yes"}))
    rows = [_row("B", 3), _row("A", 3), _row("C", 9), _row("D", 20, published=False)]
    assert [r.school.name for r in apply(listing, rows)] == ["C", "A", "B"]
    assert listing.sort_link_args("staff") == {"sort": "staff", "dir": "asc", "published": "yes"}
    assert listing.sort_link_args("name")["dir"] == "asc" and listing.aria_sort("staff") == "descending"


def test_a_hidden_value_has_no_bar_and_every_bar_its_text():
    chart = bar_chart("t", "d", ["Autumn 2025", "Spring 2026"], [10, None], ["10", "hidden"])
    assert [bar.width for bar in chart.bars][1] == 0 and chart.bars[0].width > 0
    assert [bar.text for bar in chart.bars] == ["10", "hidden"] and chart.height > 2 * chart.bar_height
