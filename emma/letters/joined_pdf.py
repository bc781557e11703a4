"""Joining reportlab's PDFs into one, part after part, without holding them all.

reportlab keeps a whole document in memory until it is saved, so a mailing of 10,000 letters is drawn in parts
of a few hundred and joined here. Each part's objects are copied as they are, with their numbers moved past
those already written: a reference `7 0 R` becomes `1207 0 R`, a page's parent becomes the joined page tree.
Only the offsets of the objects stay in memory (pypdf's own writer would hold every page, and parsing each
object would cost a third of the time). The parts must be reportlab's own output: a classic cross-reference
table, one flat page tree, and no text strings in the objects that are copied (the catalog and the document
information, which have some, are written anew).
"""

from __future__ import annotations

import re
from typing import BinaryIO

_XREF_AT = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref", re.S)
_REFERENCE = re.compile(rb"(\d+) 0 R")
_PARENT = re.compile(rb"/Parent \d+ 0 R")
_STREAM = re.compile(rb"\bstream\r?\n")


class JoinedPdf:
    """Writes a PDF to `out` from the parts given to `add`; `close` writes the page tree and the trailer."""

    def __init__(self, out: BinaryIO, *, title: str = "", author: str = "") -> None:
        self._out = out
        self._offsets: list[int] = [0, 0, 0, 0]  # by object number; 1: catalog, 2: page tree, 3: information
        self._pages: list[int] = []
        self._info = {"Title": title, "Author": author, "Creator": "Frau Emma"}
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

    def add(self, part: bytes) -> int:
        """Appends every page of one reportlab PDF; returns how many."""
        offsets = _object_offsets(part)
        trailer = _TRAILER.search(part)
        if trailer is None:
            raise ValueError("not a reportlab PDF: no trailer")
        root = _number_after(b"/Root", trailer.group(1))
        info = _number_after(b"/Info", trailer.group(1))
        page_tree = _number_after(b"/Pages", _object(part, offsets[root]))
        kids = _object(part, offsets[page_tree])
        pages = [int(number) for number in _REFERENCE.findall(kids[kids.index(b"/Kids") :])]
        base = len(self._offsets) - 1  # the part's object n becomes base + n

        def moved(match: re.Match) -> bytes:
            return b"%d 0 R" % (base + int(match.group(1)))

        if sorted(offsets) != list(range(1, len(offsets) + 1)):
            raise ValueError("the part's objects are not numbered 1 to n")
        for number in sorted(offsets):
            if number in (root, info, page_tree):
                self._offsets.append(0)  # a free number: keeps the others where `moved` puts them
                continue
            head, rest = _object_parts(part, offsets[number])
            if number in pages:
                head = _PARENT.sub(b"/Parent 2 0 R", head, count=1)
            head = _REFERENCE.sub(moved, head)
            self._offsets.append(self._out.tell())
            self._out.write(b"%d 0 obj\n" % (base + number) + head + rest + b"\nendobj\n")
        self._pages += [base + number for number in pages]
        return len(pages)

    def close(self) -> None:
        kids = b" ".join(b"%d 0 R" % number for number in self._pages)
        self._write(2, b"<< /Type /Pages /Count %d /Kids [ %s ] >>" % (len(self._pages), kids))
        self._write(1, b"<< /Type /Catalog /Pages 2 0 R >>")
        info = b" ".join(b"/%s %s" % (key.encode(), _text(text)) for key, text in self._info.items() if text)
        self._write(3, b"<< " + info + b" >>")
        start = self._out.tell()
        self._out.write(b"xref\n0 %d\n0000000000 65535 f \n" % len(self._offsets))
        for offset in self._offsets[1:]:
            self._out.write(b"%010d 00000 n \n" % offset if offset else b"0000000000 65535 f \n")
        self._out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
            len(self._offsets), start))  # fmt: skip

    def _write(self, number: int, body: bytes) -> None:
        self._offsets[number] = self._out.tell()
        self._out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")


def _object_offsets(part: bytes) -> dict[int, int]:
    """Object number → offset, from the classic cross-reference table reportlab writes."""
    found = _XREF_AT.search(part)
    if found is None:
        raise ValueError("not a reportlab PDF: no startxref")
    table = part[int(found.group(1)) :]
    lines = table.split(b"\n")
    if lines[0].strip() != b"xref":
        raise ValueError("not a classic cross-reference table")
    first, count = (int(value) for value in lines[1].split())
    offsets = {}
    for number, line in enumerate(lines[2 : 2 + count], start=first):
        offset, _generation, kind = line.split()[:3]
        if kind == b"n":
            offsets[number] = int(offset)
    return offsets


def _object(part: bytes, offset: int) -> bytes:
    """The body of an object without a stream: between `n 0 obj` and `endobj`."""
    start = part.index(b"obj", offset) + 3
    end = part.index(b"endobj", start)
    return part[start:end].strip(b"\r\n")


def _object_parts(part: bytes, offset: int) -> tuple[bytes, bytes]:
    """(dictionary, stream) of the object at `offset`; a stream is cut by its /Length, never searched for its
    end (compressed data can hold any bytes, `endobj` too)."""
    start = part.index(b"obj", offset) + 3
    end = part.index(b"endobj", start)  # in a stream's data perhaps, but always after its `stream`
    stream = _STREAM.search(part, start, end)
    if stream is None:
        return part[start:end].strip(b"\r\n"), b""
    head = part[start : stream.start()].strip(b"\r\n")
    length = re.search(rb"/Length (\d+)", head)
    if length is None:
        raise ValueError("a stream without a direct /Length")
    data_end = stream.end() + int(length.group(1))
    return head, b"\nstream\n" + part[stream.end() : data_end] + b"\nendstream"


def _number_after(name: bytes, text: bytes) -> int:
    found = re.search(re.escape(name) + rb"\s+(\d+) 0 R", text)
    if found is None:
        raise ValueError(f"not a reportlab PDF: no {name.decode()}")
    return int(found.group(1))


def _text(text: str) -> bytes:
    """A PDF text string: UTF-16 with its byte-order mark, as hex (any character, nothing to escape)."""
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().upper().encode() + b">"
