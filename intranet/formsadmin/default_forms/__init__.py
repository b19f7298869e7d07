"""The checklists and forms that ship with the product, one JSON definition per file."""

import json
from pathlib import Path

FOLDER = Path(__file__).parent
#: The order a school sees them in: the steps of a case from first worry to follow-up, each
#: stage's tools beside it, then the stand-alone routine for a suspected sale.
ORDER = (
    "suspicion",
    "wondering_conversation",
    "concern_note",
    "suspicion_persists",
    "confirmed_use_or_sale",
    "intoxicated_at_school",
    "follow_up_after_intoxication",
    "suspected_sale",
)


def load_default_forms() -> list[dict]:
    """Every shipped definition (parsed JSON), in ORDER."""
    return [json.loads((FOLDER / f"{key}.json").read_text(encoding="utf-8")) for key in ORDER]
