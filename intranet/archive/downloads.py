"""A file to download (journal, access-request export): its body, type and name."""


def attachment(body, content_type: str, filename: str):
    return body, 200, {"Content-Type": content_type, "Content-Disposition": f'attachment; filename="{filename}"'}
