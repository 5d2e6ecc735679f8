"""Small PDFs made on the fly for extract tests: born-digital, scanned, mixed and broken."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)

BODY = [
    "CONVENTION TERRITORIALE GLOBALE",
    "Entre la Caisse d'allocations familiales et la commune de Digne-les-Bains,",
    "représentée par son Maire, dûment autorisée à signer la présente convention.",
    "Article 1 : Objet de la convention",
    "La présente convention a pour objet de définir le projet social du territoire.",
    "Article 2 : Durée de la convention",
    "Elle est conclue pour la période du 1er janvier 2026 au 31 décembre 2030.",
]


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size)


def scan_image(lines: list[str], dpi: int = 300, angle: float = 0.0) -> Image.Image:
    """A grey A4 page image with the lines typeset at 12 pt, as a scanner would give it."""
    width, height = round(8.27 * dpi), round(11.69 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = _font(round(12 * dpi / 72))
    y = round(1.2 * dpi)
    for line in lines:
        draw.text((round(0.9 * dpi), y), line, fill=0, font=font)
        y += round(22 * dpi / 72)
    return image.rotate(angle, fillcolor=255, resample=Image.Resampling.BICUBIC) if angle else image


def write_pdf(path: Path, pages: list[tuple[str, list[str]]], stamp_in_margin: bool = False) -> Path:
    """pages: ("text", lines) for a born-digital page, ("scan", lines) for a 300 dpi image page."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    for kind, lines in pages:
        if kind == "scan":
            buffer = io.BytesIO()
            scan_image(lines).save(buffer, format="JPEG", quality=75)
            buffer.seek(0)
            pdf.drawImage(ImageReader(buffer), 0, 0, width=width, height=height)
            if stamp_in_margin:
                pdf.setFont("Helvetica", 7)
                pdf.drawString(width - 190, height - 20, "Envoyé en préfecture le 10/12/2025")
                pdf.drawString(width - 190, height - 29, "ID : 004-210400708-20251208-DEL_2025_07-DE")
        else:
            y = height - 90
            for line in lines:
                pdf.setFont(
                    "Helvetica-Bold" if line.startswith(("Article", "CONVENTION")) else "Helvetica", 11
                )
                pdf.drawString(70, y, line)
                y -= 18
        pdf.showPage()
    pdf.save()
    return path


def write_encrypted(path: Path, user_password: str) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=_encryption(user_password))
    pdf.drawString(70, 700, BODY[1])
    pdf.showPage()
    pdf.save()
    return path


def _encryption(user_password: str) -> object:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return StandardEncryption(user_password, ownerPassword="owner-secret", canPrint=1)


def raw_pdf(objects: list[bytes]) -> bytes:
    """Assemble numbered objects into a PDF with a correct xref (for hand-made edge cases)."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def write_image_bomb(path: Path, side: int = 30_000) -> Path:
    """One page whose image claims side × side grey pixels, stored in a few KB of Flate."""
    stream = zlib.compress(b"\xff" * side * 64, 9)  # only the first rows: the rest is never read
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % (side, side, len(stream))
        + stream
        + b"\nendstream",
        b"<< /Length 34 >>\nstream\nq 595 0 0 842 0 0 cm /Im0 Do Q\nendstream",
    ]
    path.write_bytes(raw_pdf(objects))
    return path


def write_zero_pages(path: Path) -> Path:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    path.write_bytes(raw_pdf(objects))
    return path


TABLE_ROWS = [
    f"Lot {n}   Entreprise {name}"
    for n, name in enumerate(("CHAVEROT", "CHOPIN", "METALFER", "FONTAINE", "MURY", "DUBOST"), start=1)
]


def write_pasted_table(path: Path, rows: list[str] = TABLE_ROWS, image_dpi: int = 100) -> Path:
    """A born-digital page with a table pasted as a picture between two paragraphs (its text
    in no text layer), as word processors save a table copied from a spreadsheet."""
    picture = Image.new("L", (round(4.5 * image_dpi), round(0.32 * image_dpi * len(rows))), 255)
    draw = ImageDraw.Draw(picture)
    font = _font(round(10 * image_dpi / 72))
    for number, row in enumerate(rows):
        top = round(0.32 * image_dpi * number)
        draw.rectangle((0, top, picture.width - 1, top + round(0.32 * image_dpi)), outline=0)
        draw.text((round(0.08 * image_dpi), top + round(0.07 * image_dpi)), row, fill=0, font=font)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    buffer.seek(0)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    height = A4[1]
    pdf.setFont("Helvetica", 11)
    pdf.drawString(70, height - 90, "Il a été décidé d'attribuer les marchés aux sociétés suivantes :")
    table_height = 72 * picture.height / image_dpi
    pdf.drawImage(ImageReader(buffer), 70, height - 110 - table_height, width=72 * 4.5, height=table_height)
    y = height - 140 - table_height
    for line in BODY:
        pdf.drawString(70, y, line)
        y -= 18
    pdf.showPage()
    pdf.save()
    return path
