"""Hostile files, generated small on disk: each would make a naive reader inflate,
recurse or wait without end. Used by tests/test_hostile.py and the upload page's tests."""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

TEXT = "潍坊市政协2023年共收到提案500件，立案480件。"


def docx_bomb(path: Path, mb: int = 200) -> Path:
    """A .docx whose word/document.xml inflates to `mb` MB (about 0.6 MB on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 30000
            for _ in range(mb * 2**20 // len(chunk)):
                f.write(chunk)
    return path


def nested_html(path: Path, depth: int = 200_000) -> Path:
    """`depth` nested <div>s (200k: 2.2 MB), superlinear for a tree builder."""
    path.write_text("<html><body>" + "<div>" * depth + TEXT + "</div>" * depth + "</body></html>", encoding="utf-8")
    return path


def flat_html(path: Path, tags: int = 200_000) -> Path:
    """One page of `tags` sibling elements (200k: about 4 MB)."""
    path.write_text("<html><body>" + "<span>潍坊</span>" * tags + "</body></html>", encoding="utf-8")
    return path


def _pdf(objects: list[bytes], path: Path) -> Path:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def many_pages_pdf(path: Path, pages: int = 50_000) -> Path:
    """A PDF of `pages` empty pages (50k: 5 MB)."""
    kids = " ".join(f"{i + 3} 0 R" for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode()]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"] * pages
    return _pdf(objects, path)


def stream_bomb_pdf(path: Path, mb: int = 200) -> Path:
    """A one-page PDF whose content stream inflates to `mb` MB (0.2 MB on disk)."""
    c = zlib.compressobj(9)
    data = b"".join(c.compress(b"\0" * 2**20) for _ in range(mb)) + c.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 4 0 R >>",
               f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode() + data + b"\nendstream"]
    return _pdf(objects, path)


FILES = {
    "docx_bomb": ("bomb.docx", docx_bomb, "inflates to over"),
    "nested_html": ("nested.html", nested_html, "nested over"),
    "flat_html": ("flat.html", flat_html, "elements"),
    "many_pages_pdf": ("pages.pdf", many_pages_pdf, "pages (limit"),
    "stream_bomb_pdf": ("stream.pdf", stream_bomb_pdf, "decodes to over"),
}
