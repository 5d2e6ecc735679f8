from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from extract.page_image import image_objects


def _images_at_every_depth(path: Path) -> Path:
    """Page 1: text only; 2: a page-wide image and a small one; 3: an image in a form, another in
    a form inside that form (depths 1 and 2)."""
    picture = ImageReader(Image.new("L", (40, 30), 128))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    pdf.drawString(72, 700, "Article 1 : Objet de la convention")
    pdf.showPage()
    pdf.drawImage(picture, 0, 0, width=width, height=height)
    pdf.drawImage(picture, 72, 72, width=40, height=30)
    pdf.drawString(72, 700, "Envoyé en préfecture le 10/12/2025")
    pdf.showPage()
    pdf.beginForm("inner")
    pdf.drawImage(picture, 100, 100, width=40, height=30)
    pdf.endForm()
    pdf.beginForm("outer")
    pdf.drawImage(picture, 200, 200, width=40, height=30)
    pdf.doForm("inner")
    pdf.endForm()
    pdf.doForm("outer")
    pdf.showPage()
    pdf.save()
    return path


def _found(objects: object) -> list[tuple[int | None, int]]:
    return [(ctypes.cast(obj.raw, ctypes.c_void_p).value, obj.level) for obj in objects]  # type: ignore[attr-defined]


def test_image_objects_are_pypdfiums_image_objects(tmp_path: Path) -> None:
    document = pdfium.PdfDocument(str(_images_at_every_depth(tmp_path / "images.pdf")))
    counts: list[list[int]] = []
    for index in range(len(document)):
        page = document[index]
        for depth in (1, 2, 3, 15):
            expected = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=depth)
            assert _found(image_objects(page, depth)) == _found(expected)
        counts.append([len(list(image_objects(page, depth))) for depth in (1, 2, 3)])
    assert counts == [[0, 0, 0], [2, 2, 2], [0, 1, 2]]  # the test PDF holds what it should
    document.close()
