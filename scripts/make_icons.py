"""Draw the app's icons (issue #22): static/icons/icon.svg and the PNGs the web app manifest names.

Our own drawing, in the brand colour of app.css: a white sheet with a tick and two lines on blue. The SVG
and the PNGs are made from the same shapes below. Run after changing them and commit the results:
    .venv/bin/python scripts/make_icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "static" / "icons"
BRAND, PAPER, INK = "#1d4f91", "#ffffff", "#1d4f91"
GRID = 512  # the shapes are given on a 512 × 512 grid

# (x0, y0, x1, y1, radius) on the grid: the sheet; the tick as a polyline; the two text lines
SHEET = (136, 96, 376, 416, 28)
TICK = [(184, 212), (224, 252), (304, 164)]
LINES = [(184, 312, 328, 336), (184, 360, 288, 384)]


def svg(maskable: bool) -> str:
    corner = 0 if maskable else 96
    scale = 0.8 if maskable else 1.0  # a maskable icon keeps its drawing inside the middle 80 %
    offset = GRID * (1 - scale) / 2
    x0, y0, x1, y1, r = SHEET
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}">',
        f'<rect width="{GRID}" height="{GRID}" rx="{corner}" fill="{BRAND}"/>',
        f'<g transform="translate({offset:g} {offset:g}) scale({scale:g})">',
        f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="{r}" fill="{PAPER}"/>',
        '<polyline points="{}" fill="none" stroke="{}" stroke-width="32" stroke-linecap="round" '
        'stroke-linejoin="round"/>'.format(" ".join(f"{x},{y}" for x, y in TICK), INK),
        *(f'<rect x="{a}" y="{b}" width="{c - a}" height="{d - b}" rx="12" fill="{INK}"/>' for a, b, c, d in LINES),
        "</g></svg>",
    ]
    return "\n".join(parts) + "\n"


def png(size: int, maskable: bool) -> Image.Image:
    """The same drawing as `svg`, drawn at 4× and scaled down (smooth edges)."""
    big = size * 4
    k = big / GRID
    scale = 0.8 if maskable else 1.0
    offset = big * (1 - scale) / 2

    def at(x, y):
        return (offset + x * k * scale, offset + y * k * scale)

    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=0 if maskable else 96 * k, fill=BRAND)
    x0, y0, x1, y1, r = SHEET
    draw.rounded_rectangle((*at(x0, y0), *at(x1, y1)), radius=r * k * scale, fill=PAPER)
    width = round(32 * k * scale)
    points = [at(x, y) for x, y in TICK]
    draw.line(points, fill=INK, width=width, joint="curve")
    for x, y in (points[0], points[-1]):
        draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=INK)
    for a, b, c, d in LINES:
        draw.rounded_rectangle((*at(a, b), *at(c, d)), radius=12 * k * scale, fill=INK)
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "icon.svg").write_text(svg(maskable=False), encoding="utf-8")
    (ICONS / "icon-maskable.svg").write_text(svg(maskable=True), encoding="utf-8")
    for size in (192, 512):
        png(size, maskable=False).save(ICONS / f"icon-{size}.png", optimize=True)
    png(512, maskable=True).save(ICONS / "icon-maskable-512.png", optimize=True)


if __name__ == "__main__":
    main()
