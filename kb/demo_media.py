"""Images and PDF files the demo command makes itself, so the repository ships no binaries."""

import io
import textwrap

from PIL import Image as PillowImage
from PIL import ImageDraw

PALETTE = [(0, 86, 107), (30, 107, 52), (122, 79, 0), (90, 60, 130), (150, 40, 50), (20, 80, 150)]
# The palette's colours by name, for the descriptions that become the images' alt text.
COLOUR_NAMES = ["Petrol", "Grün", "Ocker", "Violett", "Weinrot", "Blau"]


def _colours(seed: int) -> tuple[int, int]:
    return seed % len(PALETTE), (seed * 7 + 3) % len(PALETTE)


def teaser_png(seed: int, width: int = 1200, height: int = 630) -> bytes:
    """An abstract banner (stripes and circles in the site's colours), different per seed."""
    base_index, accent_index = _colours(seed)
    base, accent = PALETTE[base_index], PALETTE[accent_index]
    image = PillowImage.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(image)
    for stripe in range(12):
        shade = tuple(min(255, channel + 12 * stripe) for channel in base)
        draw.rectangle([stripe * width // 12, 0, (stripe + 1) * width // 12, height], fill=shade)
    for circle in range(5):
        radius = 60 + ((seed + circle) * 37) % 140
        x = (seed * 173 + circle * 251) % width
        y = (seed * 97 + circle * 131) % height
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], outline=accent, width=10)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def teaser_description(seed: int) -> str:
    """What teaser_png(seed) shows, in German: the image's description and so its alt text."""
    base_index, accent_index = _colours(seed)
    return (
        f"Abstrakte Grafik aus senkrechten Streifen in {COLOUR_NAMES[base_index]}, "
        f"die nach rechts heller werden, mit fünf Kreisringen in {COLOUR_NAMES[accent_index]}"
    )


def _pdf_text(value: str) -> str:
    # PDF's standard fonts speak Latin-1; parentheses and backslashes need escaping.
    latin = value.encode("latin-1", "replace").decode("latin-1")
    return latin.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def checklist_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF (Helvetica, A4) with a title and wrapped lines of text."""
    rows = [("F2", 16, title)]
    for line in lines:
        rows.extend(("F1", 11, part) for part in textwrap.wrap(line, 85) or [""])
    commands = ["BT", "72 770 Td"]
    for font, size, text in rows[:55]:
        commands.append(f"/{font} {size} Tf ({_pdf_text(text)}) Tj 0 -{size + 6} Td")
    commands.append("ET")
    stream = "\n".join(commands).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()
