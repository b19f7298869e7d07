"""Every format reads to the same blocks; the proposal places every part of a document or lists it."""

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intranet.contacts.roles import shipped_catalogue
from intranet.planimport.document import HEADING, Block, Document
from intranet.planimport.proposal import build_proposal, counts
from intranet.planimport.readers import ImportRefused, read_document
from intranet.planimport.readers.office import read_docx
from intranet.planimport.recognisers.months import month_heading
from intranet.planimport.recognisers.roles import RoleFinder

from ...plan_documents import docx_bytes, markdown_text, odt_bytes, pdf_bytes, scanned_pdf_bytes

TARGETS = [
    {"key": "purpose", "kind": "text", "titles": ["Formål"]},
    {"key": "routine_suspicion", "kind": "routine", "titles": ["Ved mistanke om rusbruk"]},
    {"key": "annual_wheel", "kind": "annual_wheel", "titles": ["Årshjul for forebygging"]},
    {"key": "contacts", "kind": "contacts", "titles": ["Kontakter"]},
]
FINDER = RoleFinder(shipped_catalogue())


def test_docx_odt_pdf_and_markdown_read_to_the_same_blocks():
    expected = read_document("plan.md", markdown_text().encode(), 10**7).blocks
    for name, data in (("plan.docx", docx_bytes()), ("plan.odt", odt_bytes()), ("plan.pdf", pdf_bytes())):
        blocks = read_document(name, data, 10**7).blocks
        assert [(b.kind, b.text) for b in blocks] == [(b.kind, b.text) for b in expected], name


def test_a_word_table_is_read_row_by_row():
    import docx

    word = docx.Document()
    table = word.add_table(rows=2, cols=3)
    for row, cells in zip(
        table.rows, [("Situasjon", "Hvordan", "Ansvar"), ("Ruset elev", "Følges hjem", "Rektor")], strict=True
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    out = io.BytesIO()
    word.save(out)
    assert [b.text for b in read_docx(out.getvalue()).blocks] == [
        "Situasjon — Hvordan — Ansvar",
        "Ruset elev — Følges hjem — Rektor",
    ]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("plan.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "protected"),
        ("plan.pdf", b"PK\x03\x04 not a pdf", "format"),
        ("plan.exe", b"MZ\x90\x00", "format"),
        ("plan.txt", b"\x00\x01\x02\xff\xfe", "format"),
        ("plan.txt", b"x" * 1001, "size"),
    ],
)
def test_files_that_cannot_be_read_are_refused_with_a_reason(name, data, reason):
    with pytest.raises(ImportRefused) as refused:
        read_document(name, data, 1000)
    assert refused.value.reason == reason


def test_a_pdf_without_a_text_layer_is_a_scan():
    with pytest.raises(ImportRefused) as refused:
        read_document("scan.pdf", scanned_pdf_bytes(), 10**7)
    assert refused.value.reason == "scan"


def test_the_plan_is_proposed_section_by_section():
    proposal = build_proposal(read_document("plan.md", markdown_text().encode(), 10**7), TARGETS, FINDER, "nb")
    placed = {section["title"]: (section["target"], section["kind"]) for section in proposal["sections"]}
    assert placed["Formål"] == ("purpose", "text")
    assert placed["Årshjul"] == ("annual_wheel", "annual_wheel")
    assert placed["Rutiner ved mistanke"] == ("routine_suspicion", "routine")
    assert placed["Tiltak per trinn"] == ("own", "measures")
    assert placed["Kontakter"] == ("contacts", "contacts")
    found = counts(proposal)
    assert (found["activities"], found["routine steps"], found["contacts"], found["services"], found["measures"]) == (
        3,
        3,
        2,
        2,
        2,
    )
    assert [entry["text"] for entry in proposal["unplaced"]] == ["Datoene kommer i eget skriv"]


SENTENCES = st.sampled_from(
    [
        "Skolen samarbeider med foresatte.",
        "Kontaktlærer følger opp fravær",
        "Helsesykepleier har samtaler med elever.",
        "Temadag om alkohol",
        "Kari Nordmann 912 34 567",
        "Se nettsiden www.example.no",
    ]
)
HEADINGS = st.sampled_from(["Årshjul", "September", "Rutiner ved mistanke", "Kontakter", "Formål", "Vedlegg", "Tiltak"])
BLOCKS = st.lists(
    st.one_of(
        st.builds(Block, st.just(HEADING), HEADINGS),
        st.builds(Block, st.sampled_from(["paragraph", "item"]), SENTENCES),
    ),
    max_size=25,
)


@settings(max_examples=60)
@given(blocks=BLOCKS)
def test_nothing_in_a_document_is_silently_lost(blocks):
    proposal = build_proposal(Document(blocks), TARGETS, FINDER, "nb")
    kept = [entry["text"] for entry in proposal["unplaced"]]
    for section in proposal["sections"]:
        kept += [section["title"], section["body"]]
        kept += [part for item in section["items"] for part in (item["text"], item["detail"], item["url"])]
    everything = "\n".join(kept)
    for block in blocks:
        if not (block.kind == HEADING and month_heading(block.text)):
            assert block.text.split()[0] in everything


def test_services_named_with_a_number_in_running_text_are_proposed_as_contacts():
    document = Document(
        [
            Block(HEADING, "Samarbeid med politiet"),
            Block("paragraph", "Skolen melder fra til politiet på telefon 02800 når noe skjer."),
        ]
    )
    proposal = build_proposal(document, TARGETS, FINDER, "nn")
    services = proposal["sections"][-1]
    assert (services["target"], services["kind"]) == ("contacts", "contacts")
    assert [(item["text"], item["phone"], item["service"]) for item in services["items"]] == [
        ("Politiet", "02800", "police")
    ]


def test_the_points_under_a_step_stay_with_the_step():
    document = Document(
        [
            Block(HEADING, "Ved mistanke om rusbruk"),
            Block("item", "Kontaktlærer kaller inn til møte. Agenda:"),
            Block("item", "Gå gjennom reglementet", level=2),
            Block("item", "Avtal oppfølging med helsesykepleier", level=2),
            Block("item", "Avdelingsleder skriver referat"),
        ]
    )
    steps = build_proposal(document, TARGETS, FINDER, "nb")["sections"][0]["items"]
    assert [(step["text"], step["roles"]) for step in steps] == [
        ("Kontaktlærer kaller inn til møte. Agenda:", ["contact_teacher", "school_nurse"]),
        ("Avdelingsleder skriver referat", ["department_head"]),
    ]
    assert steps[0]["detail"] == "- Gå gjennom reglementet\n- Avtal oppfølging med helsesykepleier"
