"""Every PDF the product makes is tagged (issue 15, item 16): a structure tree with headings, so screen
readers get more than a stream of text; the language is declared."""

import io

import pikepdf

from intranet.auth.models import User


def structure_types(pdf) -> set[str]:
    """The structure element types (/H1, /Table, /P...) in the document's structure tree."""
    found, todo = set(), [pdf.Root.StructTreeRoot]
    while todo:
        node = todo.pop()
        if isinstance(node, pikepdf.Array):
            todo.extend(node)
        elif isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                found.add(str(node.S))
            if "/K" in node:
                todo.append(node.K)
    return found


def assert_tagged(data: bytes, *, language: str) -> set[str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == language
        return structure_types(pdf)


def test_public_plan_and_poster_are_tagged(client, world, published_plan, contacts):
    plan = client.get(f"/{world.school.slug}/plan.pdf?lang=nb")
    assert {"/H1", "/H2"} <= assert_tagged(plan.data, language="nb")
    poster = client.get(f"/{world.school.slug}/poster.pdf?lang=en")
    assert "/H1" in assert_tagged(poster.data, language="en")


def test_case_record_and_access_export_are_tagged_with_tables(client, world, login, db, cases):
    login(db.session.get(User, world.users["staff"].id))
    record = client.get(f"/app/schools/{world.school.slug}/cases/{world.closed_case_id}/record.pdf?lang=nn")
    assert {"/H1", "/H2", "/Table", "/TH", "/TD"} <= assert_tagged(record.data, language="nn")
    login(db.session.get(User, world.users["school_admin"].id))
    export = client.get(f"/app/schools/{world.school.slug}/privacy/people/{world.users['staff'].id}.pdf?lang=en")
    assert {"/H1", "/H2"} <= assert_tagged(export.data, language="en")
