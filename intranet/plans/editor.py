"""One section editor for the municipality's plan template and for a school's plan.

Both edit a document made of sections (add one, edit it one language at a time, move it, remove it)
and publish the document as a numbered snapshot. What differs between the two is data, an `Editor`:
which document is edited and who owns it (loaded by `@requires`, see loading.py), the policy rule,
the role catalogue items name roles from, the languages texts are written in, what publishing makes,
the words said after each step, and the overview page that shows a refused step.
`add_section_views` puts the shared views on the editor's blueprint, each declaring its needs; the
pages share plans/edit_section.html and the overview's section list, plans/_section_list.html.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, flash, g, redirect, request, url_for
from flask_login import current_user

from ..contacts.roles import RoleCatalogue
from ..errors import OperationError
from ..forms_support import add_error
from ..loading import requires
from ..ordering import requested_direction
from ..rendering import render
from . import operations as ops
from .editing import edit_section
from .forms import AddSectionForm, PublishForm
from .translations import editor_report


@dataclass(frozen=True)
class Editor:
    """What one editor edits and how; the owner is a school or an organisation, the document its
    plan or template (each also the name of its loader in loading.py and of its place on `g`)."""

    blueprint: str  # the endpoints' prefix: "plans" or "plan_templates"
    rule: str  # the policy rule every step needs, on the owner
    owner: str
    document: str
    section_class: type
    url_key: str  # the URL value that names the owner by its slug
    roles: Callable[[Any], RoleCatalogue]  # owner → the roles items may name
    languages: Callable[[Any], Sequence[str]]  # owner → the languages texts are written in
    default_language: Callable[[Any, Any], str]  # (owner, document) → the language a title is required in
    publish: Callable[[Any, Any, str], Any]  # (document, user, note) → the new numbered snapshot
    overview: Callable[..., Any]  # (owner, document, add_form=, publish_form=, status=) → the overview page
    title: Callable[[Any], str]  # owner → the overview's heading, the way back from a section
    page_name: Callable[[Any], str]  # owner → what the section page's title ends with
    saved: Callable[[], str]
    published: Callable[[int], str]  # the snapshot's number → what is said
    removed: Callable[[], str]
    reference: Callable[[Any, Any], dict | None] = lambda document, section: None  # text shown beside it
    kept: Callable[[Any], str | None] = lambda section: None  # why a section may not be removed, if so
    hides: bool = False  # whether a section can be hidden (`<blueprint>.visibility`) besides removed

    def here(self) -> tuple[Any, Any]:
        """The owner and the document this request's loaders found."""
        return getattr(g, self.owner), getattr(g, self.document)

    def url(self, view: str, **values) -> str:
        return url_for(f"{self.blueprint}.{view}", **{self.url_key: getattr(g, self.owner).slug}, **values)

    def content_language(self, owner, document) -> str:
        """The language of the texts shown and edited: `?content=`, else the default one."""
        wanted = request.args.get("content")
        return wanted if wanted in self.languages(owner) else self.default_language(owner, document)


def add_section_views(bp: Blueprint, editor: Editor) -> None:
    """The views both editors share, as `<blueprint>.add`, `.edit`, `.move`, `.remove` and `.publish`."""
    section = f"{editor.document}_section"

    @bp.route("/sections", methods=["POST"])
    @requires(editor.rule, on=editor.owner, then=editor.document)
    def add(**values):
        return _add(editor)

    @bp.route("/sections/<int:section_id>", methods=["GET", "POST"])
    @requires(editor.rule, on=editor.owner, then=section)
    def edit(**values):
        return _edit(editor)

    @bp.route("/sections/<int:section_id>/move", methods=["POST"])
    @requires(editor.rule, on=editor.owner, then=section)
    def move(**values):
        ops.move_section(getattr(g, editor.document), g.section, requested_direction(request.form))
        return redirect(editor.url("overview") + f"#section-{g.section.id}")

    @bp.route("/sections/<int:section_id>/remove", methods=["POST"])
    @requires(editor.rule, on=editor.owner, then=section)
    def remove(**values):
        return _remove(editor)

    @bp.route("/publish", methods=["POST"])
    @requires(editor.rule, on=editor.owner, then=editor.document)
    def publish(**values):
        return _publish(editor)


def _add(editor: Editor):
    owner, document = editor.here()
    form = AddSectionForm()
    if form.validate_on_submit():
        try:
            section = ops.add_section(
                document,
                editor.section_class,
                kind=form.kind.data,
                key=form.key.data,
                title=form.title.data,
                lang=editor.default_language(owner, document),
                public=form.public.data,
            )
        except OperationError as error:
            add_error(form, error.field, error.message)
        else:
            return redirect(editor.url("edit", section_id=section.id))
    return editor.overview(owner, document, add_form=form, status=400)


def _edit(editor: Editor):
    owner, document = editor.here()
    section = g.section
    lang = editor.content_language(owner, document)
    default_language = editor.default_language(owner, document)
    form, outcome, stale = edit_section(
        section, lang=lang, default_language=default_language, roles=editor.roles(owner), user=current_user
    )
    if outcome == "saved":
        flash(editor.saved(), "success")
        return redirect(editor.url("edit", section_id=section.id, content=lang))
    status = 409 if stale else (400 if request.method == "POST" and outcome is None else 200)
    return render(
        "plans/edit_section.html",
        section=section,
        form=form,
        lang=lang,
        languages=editor.languages(owner),
        default_language=default_language,
        outcome=outcome,
        stale=stale,
        template_text=editor.reference(document, section),
        translation=editor_report(section, editor.languages(owner), lang, default_language),
        school_kind=getattr(owner, "kind", None),  # a school's: items for levels it does not have are named
        back=(editor.url("overview"), editor.title(owner)),
        page_name=editor.page_name(owner),
        edit_endpoint=f"{editor.blueprint}.edit",
        edit_args={editor.url_key: owner.slug, "section_id": section.id},
        status=status,
    )


def _remove(editor: Editor):
    owner, document = editor.here()
    refusal = editor.kept(g.section)
    if refusal:
        flash(refusal, "error")
        return editor.overview(owner, document, status=409)
    ops.remove_section(document, g.section)
    flash(editor.removed(), "success")
    return redirect(editor.url("overview"))


def _publish(editor: Editor):
    owner, document = editor.here()
    form = PublishForm()
    if form.validate_on_submit():
        try:
            snapshot = editor.publish(document, current_user, form.note.data)
        except OperationError as error:
            add_error(form, "note", error.message)
        else:
            flash(editor.published(snapshot.number), "success")
            return redirect(editor.url("overview"))
    return editor.overview(owner, document, publish_form=form, status=400)
