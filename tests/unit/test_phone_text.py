"""Phone numbers inside texts schools write become tap-to-call links; years, ages and times stay text."""

import pytest

from intranet.contacts.phone_text import link_phones, link_phones_in_html, numbers_in
from intranet.plans.markdown import render_markdown


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Ring politiet på 02800.", ["02800"]),
        ("Ring 113 ved fare, og 91 23 45 67 etterpå.", ["113", "+4791234567"]),
        ("Barnevernvakt: 116 111 (døgnåpen)", ["116111"]),
        ("Møte 08.01.2027 kl. 10:00 for 10B, innen 3 dager; elever under 18 år; 2026", []),
    ],
)
def test_the_numbers_one_can_call_are_found_and_nothing_else(text, numbers):
    assert [phone.tel for phone in numbers_in(text)] == numbers


def test_plain_text_is_escaped_and_each_number_is_a_tel_link():
    html = link_phones("Ring <politiet> på 02800")
    assert html == 'Ring &lt;politiet&gt; på <a class="tel" href="tel:02800">02800</a>'


def test_a_number_already_in_a_link_is_left_as_it_is():
    html = '<p>Ring <a href="tel:02800">02800</a> eller 113</p>'
    assert (
        link_phones_in_html(html)
        == '<p>Ring <a href="tel:02800">02800</a> eller <a class="tel" href="tel:113">113</a></p>'
    )


def test_a_plan_text_in_markdown_gets_tap_to_call_numbers():
    assert '<a class="tel" href="tel:116117">116 117</a>' in render_markdown("Legevakt: **116 117**")
