"""The focus indicator, computed from the stylesheet's own colours: of its two rings (dark, then a
white halo), one stands out 3:1 or more against every background the stylesheet paints (WCAG 1.4.11)."""

import re
from pathlib import Path

CSS = (Path(__file__).resolve().parents[2] / "static" / "css" / "app.css").read_text()


def variables() -> dict[str, str]:
    root = re.search(r":root\s*{([^}]*)}", CSS).group(1)
    return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", root))


def colour(value: str, names: dict[str, str]) -> tuple[int, int, int] | None:
    value = value.strip()
    if value.startswith("var("):
        return colour(names[value[4:-1].strip()], names)
    found = re.fullmatch(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", value)
    if not found:
        return None
    digits = found.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))


def contrast(a, b) -> float:
    def luminance(rgb):
        def channel(v):
            c = v / 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(v) for v in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_one_of_the_focus_rings_stands_out_3_to_1_against_every_background():
    names = variables()
    rule = re.search(r":focus-visible[^{]*{([^}]*)}", CSS).group(1)
    ring = colour(re.search(r"outline:\s*\S+\s+solid\s+([^;]+);", rule).group(1), names)
    halo = colour(re.search(r"box-shadow:\s*0 0 0 \S+\s+([^;]+);", rule).group(1), names)
    backgrounds = {
        value.strip()
        for value in re.findall(r"background(?:-color)?:\s*([^;}]+)", CSS)
        if colour(value.split()[0], names) is not None
    }
    assert len(backgrounds) > 10
    weak = {
        value: round(max(contrast(ring, colour(value, names)), contrast(halo, colour(value, names))), 2)
        for value in backgrounds
    }
    assert all(ratio >= 3 for ratio in weak.values()), weak
    assert contrast(ring, (255, 255, 255)) >= 3 and contrast(ring, colour("#f3f5f8", names)) >= 3
