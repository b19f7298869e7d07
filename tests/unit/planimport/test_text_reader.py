"""Text and Markdown: headings, bullets and numbers however they are spaced; wrapped lines joined."""

from hypothesis import given
from hypothesis import strategies as st

from intranet.planimport.document import HEADING, ITEM, PARAGRAPH
from intranet.planimport.readers.text import read_text

BULLETS = st.sampled_from(["•", "-", "*", "–", "·", "▪", "○"])
SPACE = st.text(alphabet=" \t", max_size=4)
WORDS = st.lists(
    st.sampled_from(["rektor", "kaller", "inn", "til", "møte", "med", "foresatte", "samme", "dag"]),
    min_size=2,
    max_size=12,
)


@given(bullet=BULLETS, before=SPACE, after=st.text(alphabet=" \t", min_size=0, max_size=3), words=WORDS)
def test_a_bulleted_line_is_a_list_item_whatever_the_spacing(bullet, before, after, words):
    text = "Kontaktlærer " + " ".join(words)
    blocks = read_text(f"Rutiner\n\n{before}{bullet}{after}{text}\n").blocks
    assert [(b.kind, b.text) for b in blocks] == [(HEADING, "Rutiner"), (ITEM, text)]


@given(number=st.integers(1, 30), closer=st.sampled_from([".", ")"]), before=SPACE, words=WORDS)
def test_a_numbered_line_is_a_numbered_item(number, closer, before, words):
    text = "Avdelingsleder " + " ".join(words)
    blocks = read_text(f"{before}{number}{closer} {text}").blocks
    assert [(b.kind, b.text, b.numbered) for b in blocks] == [(ITEM, text, True)]


@given(level=st.sampled_from(["8. trinn", "9. klasse", "10. trinn", "1. mai"]))
def test_a_year_level_or_a_date_is_not_taken_for_a_numbered_item(level):
    blocks = read_text(f"Vi har temadag\n\n{level}: samtale om rus i klassen.").blocks
    assert blocks[-1].kind != ITEM


@given(gaps=st.lists(st.sampled_from(["\n", "\n\n", "\n \n\n"]), min_size=3, max_size=3))
def test_lines_wrapped_by_a_pdf_are_joined_even_across_blank_lines(gaps):
    lines = ["Hovedmål", "Skolen skal styrke elevenes", "holdninger til rusmidler og", "hindre rusavhengighet."]
    text = lines[0] + "".join(gap + line for gap, line in zip(gaps, lines[1:], strict=True))
    blocks = read_text(text).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        (HEADING, "Hovedmål"),
        (PARAGRAPH, "Skolen skal styrke elevenes holdninger til rusmidler og hindre rusavhengighet."),
    ]


def test_markdown_headings_keep_their_level_and_a_colon_line_is_a_heading():
    blocks = read_text("# Plan\n\n## Årshjul\n\nAugust:\n- Foreldremøte\n").blocks
    assert [(b.kind, b.text, b.level) for b in blocks] == [
        (HEADING, "Plan", 1),
        (HEADING, "Årshjul", 2),
        (HEADING, "August", 0),
        (ITEM, "Foreldremøte", 0),
    ]


def test_a_short_line_that_goes_on_in_lower_case_is_no_heading():
    blocks = read_text("For å lykkes med arbeidet\nmå hele skolen være med.").blocks
    assert [(b.kind, b.text) for b in blocks] == [(PARAGRAPH, "For å lykkes med arbeidet må hele skolen være med.")]


@given(marker=st.sampled_from(["o ", "  - ", "    • ", "◦ "]))
def test_a_second_level_item_is_marked_and_a_page_number_is_dropped(marker):
    blocks = read_text(f"• Samtale med foresatte. Agenda:\n{marker}Gå gjennom reglementet\n12\n").blocks
    assert [(b.kind, b.text, b.level) for b in blocks] == [
        (ITEM, "Samtale med foresatte. Agenda:", 0),
        (ITEM, "Gå gjennom reglementet", 2),
    ]
