"""The archive's fields in the case record's XMP metadata (PDF/A): reference, school, dates, access code.

PDF/A lets a document carry properties of its own schema when the XMP also describes that schema
(a `pdfaExtension` description); both are added to the RDF WeasyPrint writes.
"""

from functools import cache
from xml.etree.ElementTree import Element, SubElement, fromstring, register_namespace, tostring

#: The access code of every case record: exempt from public access (offentleglova § 13 with
#: forvaltningsloven § 13: the duty of confidentiality).
ACCESS_CODE = "Unntatt offentlighet, offl. § 13 jf. fvl. § 13"

NAMESPACE = "urn:rusplan:archive:1"
PREFIX = "rusplan"
XML = "http://www.w3.org/XML/1998/namespace"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
PDFA_EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PDFA_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
for _prefix, _uri in (
    (PREFIX, NAMESPACE),
    ("pdfaExtension", PDFA_EXTENSION),
    ("pdfaSchema", PDFA_SCHEMA),
    ("pdfaProperty", PDFA_PROPERTY),
):
    register_namespace(_prefix, _uri)

#: The properties, in the order the archive reads them, with what each holds.
PROPERTIES = {
    "caseReference": "The case reference at the school, such as 2026-014",
    "archiveReference": "The case number in the school's archive",
    "school": "The school's name",
    "openedAt": "When the case was opened (ISO 8601, UTC)",
    "closedAt": "When the case was closed (ISO 8601, UTC)",
    "filedAt": "When the case was filed in the archive (ISO 8601, UTC)",
    "accessCode": "The access code (skjerming)",
}


def archive_fields(case) -> dict[str, str]:
    """The archive's fields of a case, as text (empty when not known yet)."""

    def when(moment):
        return moment.isoformat(timespec="seconds") if moment else ""

    return {
        "caseReference": case.reference,
        "archiveReference": case.archive_reference,
        "school": case.school.name,
        "openedAt": when(case.opened_at),
        "closedAt": when(case.closed_at),
        "filedAt": when(case.filed_at),
        "accessCode": ACCESS_CODE,
    }


@cache
def _archive_metadata_class():
    """WeasyPrint's document metadata with the archive's fields added to its RDF (made on first use:
    WeasyPrint is loaded by the first PDF, see public/documents.py)."""
    from weasyprint.pdf.metadata import DocumentMetadata

    class ArchiveMetadata(DocumentMetadata):
        fields: dict[str, str]

        def generate_rdf_metadata(self, variant, version, conformance):
            rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))  # noqa: S314 - our own XML
            _describe_schema(rdf)
            _add_values(rdf, self.fields)
            return tostring(rdf)

    return ArchiveMetadata


def _add_values(rdf: Element, fields: dict[str, str]) -> None:
    values = SubElement(rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
    for name, value in fields.items():
        SubElement(values, f"{{{NAMESPACE}}}{name}").text = value
    rights = SubElement(SubElement(values, f"{{{DC}}}rights"), f"{{{RDF}}}Alt")
    SubElement(rights, f"{{{RDF}}}li", {f"{{{XML}}}lang": "x-default"}).text = fields["accessCode"]


def _describe_schema(rdf: Element) -> None:
    """The pdfaExtension description of our schema, so PDF/A validators accept its properties."""
    holder = SubElement(rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
    schemas = SubElement(SubElement(holder, f"{{{PDFA_EXTENSION}}}schemas"), f"{{{RDF}}}Bag")
    schema = SubElement(schemas, f"{{{RDF}}}li", {f"{{{RDF}}}parseType": "Resource"})
    SubElement(schema, f"{{{PDFA_SCHEMA}}}schema").text = "Rusplan case record for the archive"
    SubElement(schema, f"{{{PDFA_SCHEMA}}}namespaceURI").text = NAMESPACE
    SubElement(schema, f"{{{PDFA_SCHEMA}}}prefix").text = PREFIX
    properties = SubElement(SubElement(schema, f"{{{PDFA_SCHEMA}}}property"), f"{{{RDF}}}Seq")
    for name, description in PROPERTIES.items():
        item = SubElement(properties, f"{{{RDF}}}li", {f"{{{RDF}}}parseType": "Resource"})
        SubElement(item, f"{{{PDFA_PROPERTY}}}name").text = name
        SubElement(item, f"{{{PDFA_PROPERTY}}}valueType").text = "Text"
        SubElement(item, f"{{{PDFA_PROPERTY}}}category").text = "external"
        SubElement(item, f"{{{PDFA_PROPERTY}}}description").text = description


def with_archive_fields(case):
    """A function for `render_pdf(xmp=...)`: the document's metadata with the case's archive fields."""
    fields = archive_fields(case)

    def add(metadata):
        archive_metadata = _archive_metadata_class()
        extended = archive_metadata.__new__(archive_metadata)
        extended.__dict__.update(metadata.__dict__)
        extended.fields = fields
        extended.keywords = [*metadata.keywords, fields["caseReference"], fields["accessCode"]]
        return extended

    return add
