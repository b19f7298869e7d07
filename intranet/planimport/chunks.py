"""A document cut into chunks: a heading and the blocks under it, up to the next heading.

Month names or year levels standing alone as headings ("August:", "Vg1") do not cut: they mark the
months of the annual wheel or the year level of measures inside a chunk. Text before the first heading
is a chunk of its own, without a heading.
"""

from dataclasses import dataclass, field

from .document import HEADING, PARAGRAPH, Block
from .recognisers.levels import level_lead
from .recognisers.months import month_heading


@dataclass
class Chunk:
    heading: str
    heading_index: int | None  # the heading's place in the document; None for text before any heading
    blocks: list[tuple[int, Block]] = field(default_factory=list)  # (place in the document, block)

    def count(self, kind: str) -> int:
        return sum(1 for _, block in self.blocks if block.kind == kind)


def chunks_of(blocks: list[Block]) -> list[Chunk]:
    chunks: list[Chunk] = []
    current = Chunk("", None)
    for index, block in enumerate(blocks):
        if block.kind == HEADING and not is_marker(block.text):
            if current.blocks or current.heading_index is not None:
                chunks.append(current)
            current = Chunk(block.text, index)
        else:
            current.blocks.append((index, block))
    if current.blocks or current.heading_index is not None:
        chunks.append(current)
    return _lead_ins_joined(chunks, blocks)


def _lead_ins_joined(chunks: list[Chunk], blocks: list[Block]) -> list[Chunk]:
    """A heading with nothing under it, then a "heading" that is really the sentence leading into a
    list ("Delmål" / "Together with the students the school will" / • ...): one chunk, under the first."""
    joined: list[Chunk] = []
    for chunk in chunks:
        before = joined[-1] if joined else None
        if before is not None and not before.blocks and before.heading_index is not None and _leads_in(chunk.heading):
            before.blocks = [(chunk.heading_index, Block(PARAGRAPH, chunk.heading)), *chunk.blocks]
            continue
        joined.append(chunk)
    return joined


def _leads_in(heading: str) -> bool:
    words = heading.split()
    return len(words) >= 4 and heading[-1].isalpha() and heading[-1].islower()


def is_marker(heading: str) -> bool:
    """A heading that only names months or a year level."""
    return bool(month_heading(heading)) or level_lead(heading)[0] != "" and not level_lead(heading)[1]
