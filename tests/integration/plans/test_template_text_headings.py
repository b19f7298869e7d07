"""The municipality's template text beside a section's editor keeps the page's heading levels: its
Markdown headings (h3) sit under a heading of their own (h2), never straight under the page's h1."""

from intranet.auth.models import User
from intranet.plans import operations as ops
from intranet.plans import template_operations as template_ops

from ..conftest import install_small_template
from ..test_valid_html import heading_skips


def test_the_template_text_beside_the_editor_skips_no_heading_level(client, world, db, login):
    template = install_small_template(world.org)
    template.sections[0].body = {"nb": "## Mål\n\nSkolen skal forebygge rus.", "en": "## Goals\n\nPrevent."}
    db.session.add(template)
    db.session.flush()
    template_ops.publish_template(template, None, "Version 1")
    plan = ops.create_plan(world.school, db.session.get(User, world.users["school_admin"].id))
    db.session.commit()
    login(world.users["school_admin"])
    page = client.get(f"/app/schools/{world.school.slug}/plan/sections/{plan.sections[0].id}?lang=en")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and '<div class="prose" lang="nb"><h3>Mål</h3>' in html, html[
        html.find("<main") : html.find("<main") + 1500
    ]
    assert heading_skips(html) == []
