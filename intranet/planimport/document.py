"""What every reader makes of a file: a flat list of blocks, each a heading, a paragraph or a list item."""

from dataclasses import asdict, dataclass, field

HEADING = "heading"
PARAGRAPH = "paragraph"
ITEM = "item"


@dataclass
class Block:
    kind: str  # HEADING, PARAGRAPH or ITEM
    text: str
    level: int = 0  # a heading's level (1 is the top); 0 when the reader could not tell
    numbered: bool = False  # a list item written "1." rather than "•"

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)

    def add(self, kind: str, text: str, **details) -> None:
        text = " ".join(text.split())
        if text:
            self.blocks.append(Block(kind, text, **details))

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)

    def as_list(self) -> list[dict]:
        return [block.as_dict() for block in self.blocks]

    @classmethod
    def from_list(cls, rows: list[dict]) -> "Document":
        return cls([Block(**row) for row in rows])
