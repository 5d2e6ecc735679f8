from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from ctg.extract.page_image import hide_text, image_objects, page_image, page_scan, render_page


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


def _scans(path: Path, tmp: Path) -> Path:
    """Pages 1 and 2: the same greyscale JPEG scan, page 2 turned by /Rotate; page 3: a PNG scan."""
    scan = Image.radial_gradient("L").resize((620, 877))
    scan.save(tmp / "scan.jpg", quality=80)
    scan.save(tmp / "scan.png")
    pdf = canvas.Canvas(str(tmp / "plain.pdf"), pagesize=A4)
    for image in ("scan.jpg", "scan.jpg", "scan.png"):
        pdf.drawImage(str(tmp / image), 0, 0, width=A4[0], height=A4[1])
        pdf.showPage()
    pdf.save()
    document = pdfium.PdfDocument(tmp / "plain.pdf")
    document[1].set_rotation(90)
    document.save(path)
    return path


def test_a_jpeg_scan_goes_to_ocr_as_it_is(tmp_path: Path) -> None:
    document = pdfium.PdfDocument(_scans(tmp_path / "scans.pdf", tmp_path))
    as_is, turned, png = (page_image(document[i], 300, 10**8) for i in range(3))
    assert as_is.jpeg == (tmp_path / "scan.jpg").read_bytes()  # the scanner's own file
    assert as_is.image is None and round(as_is.dpi) == round(620 / (A4[0] / 72))
    decoded = page_scan(document[0]).get_bitmap(render=False).to_pil()
    assert as_is.pil().tobytes() == decoded.tobytes()  # the same pixels PDFium decodes
    assert turned.jpeg is None and turned.pil().size == (877, 620)  # upright needs decoding
    assert png.jpeg is None and png.pil().size == (620, 877)


def _stamped_scan(path: Path) -> Path:
    """A grey scan; over it a stamp typed in an 80% opaque white box, as prefecture tools draw
    it (in a form, like theirs), and a page-wide frame drawn around a typed page number."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    pdf.drawImage(ImageReader(Image.new("L", (248, 351), 120)), 0, 0, width=width, height=height)
    pdf.beginForm("stamp")
    pdf.setFillColorRGB(1, 1, 1, alpha=0.8)
    pdf.rect(380, 770, 190, 55, stroke=1, fill=1)
    pdf.setFillColorRGB(0, 0, 0, alpha=1)
    pdf.drawString(388, 805, "Envoyé en préfecture le 10/12/2025")
    pdf.drawString(388, 780, "ID : 004-210400708-20251208-DEL_2025_07-DE")
    pdf.endForm()
    pdf.doForm("stamp")
    pdf.setFillColorRGB(1, 1, 1, alpha=0)
    pdf.rect(10, 10, width - 20, height - 20, stroke=1, fill=0)
    pdf.drawString(290, 20, "1")
    pdf.showPage()
    pdf.save()
    return path


def test_hiding_a_typed_stamp_hides_the_box_it_is_set_in(tmp_path: Path) -> None:
    document = pdfium.PdfDocument(str(_stamped_scan(tmp_path / "stamped.pdf")))
    page = document[0]
    assert hide_text(page) == 3
    grey = render_page(page, 72, 72, 10**8).pil()
    inside_stamp, border = grey.getpixel((470, 842 - 795)), grey.getpixel((10, 421))
    assert abs(inside_stamp - 120) <= 2  # the scan as it is under the stamp, not whitened
    assert border < 100  # the page-wide frame is no stamp's box: still drawn
    document.close()
