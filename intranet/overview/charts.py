"""Server-made SVG bar charts: horizontal bars, each with its name and value written beside it, so
nothing is told by colour alone and the chart reads on a 360 px screen. The page puts the same
figures in a table next to it. The SVG itself is written by `overview/_chart.html`."""

from dataclasses import dataclass

WIDTH = 360
LABEL_WIDTH = 96
VALUE_WIDTH = 64
ROW_HEIGHT = 30
BAR_HEIGHT = 18


@dataclass
class Bar:
    label: str
    value: int | None  # None: hidden (fewer than five)
    text: str
    y: int
    width: float


@dataclass
class Chart:
    title: str
    description: str
    bars: list[Bar]
    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return ROW_HEIGHT * len(self.bars) + 8


def bar_chart(
    title: str,
    description: str,
    labels: list[str],
    values: list[int | None],
    texts: list[str],
    maximum: int | None = None,
) -> Chart:
    """A chart of `values` (None for a hidden figure) with `texts` written after each bar."""
    top = maximum or max([v for v in values if v is not None] or [1]) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = [
        Bar(label, value, text, 4 + index * ROW_HEIGHT, 0 if value is None else max(1.0, room * value / top))
        for index, (label, value, text) in enumerate(zip(labels, values, texts, strict=True))
    ]
    return Chart(title, description, bars)
