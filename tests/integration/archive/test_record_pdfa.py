"""The case record is PDF/A-2a: identified as such, fonts embedded, tagged, the archive's fields in its XMP,
and its text reads in order (a multi-line note never interleaves with another column)."""

import io
import subprocess

import pikepdf
import pytest

from intranet.archive.metadata import ACCESS_CODE
from intranet.cases import operations as ops
from intranet.cases.models import Case

NOTE = "Første linje av notatet om saken.\nAndre linje: foresatte ringt kl. 10.\nTredje linje: avtalt møte fredag."


@pytest.fixture
def record(client, world, login, db, cases):
    """The English record of a closed case with a three-line note and an archive reference."""
    staff = world.users["staff"]
    case = db.session.get(Case, world.case_id)
    run = case.runs[0]
    ops.answer_field(run, "age", "under_18", user=staff)
    ops.note_field(run, "age", NOTE, user=staff)
    case.archive_reference = "2026/4711"
    ops.close_case(case, note="Fulgt opp", user=staff)
    db.session.commit()
    login(staff)
    response = client.get(f"/app/schools/{world.school.slug}/cases/{case.id}/record.pdf?lang=en")
    assert response.status_code == 200
    return case, response.data


def test_record_is_pdf_a_2a_with_embedded_fonts_and_a_structure_tree(record):
    _case, data = record
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "2A"
        assert pdf.Root.MarkInfo.Marked is True and "/StructTreeRoot" in pdf.Root
        assert "/OutputIntents" in pdf.Root
        fonts = [font for page in pdf.pages for font in page.Resources.Font.values()]
        assert fonts
        for font in fonts:
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font


def test_record_xmp_holds_reference_school_dates_and_access_code(record, world):
    case, data = record
    with pikepdf.open(io.BytesIO(data)) as pdf:
        xmp = str(pdf.open_metadata())
        meta = pdf.open_metadata()
        assert meta["dc:rights"] == ACCESS_CODE
    assert f"<rusplan:caseReference>{case.reference}</rusplan:caseReference>" in xmp
    assert "<rusplan:archiveReference>2026/4711</rusplan:archiveReference>" in xmp
    assert f"<rusplan:school>{world.school.name}</rusplan:school>" in xmp
    assert f"<rusplan:openedAt>{case.opened_at.isoformat(timespec='seconds')}</rusplan:openedAt>" in xmp
    assert f"<rusplan:closedAt>{case.closed_at.isoformat(timespec='seconds')}</rusplan:closedAt>" in xmp
    assert "offl. § 13 jf. fvl. § 13" in xmp and "pdfaExtension:schemas" in xmp


def test_record_text_keeps_a_multi_line_note_whole_and_shows_the_access_code(record, tmp_path):
    _case, data = record
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert ACCESS_CODE in text
    lines = [line for line in text.splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if "Første linje av notatet" in line)
    assert lines[start + 1 : start + 3] == ["Andre linje: foresatte ringt kl. 10.", "Tredje linje: avtalt møte fredag."]
