"""A tiny PDF writer for demo leaflets: one A4 page of text in Helvetica, no dependency.

Enough for a real, valid file that a PDF reader opens (a header, five objects, a
cross-reference table with exact byte offsets, a trailer); not a layout engine.
"""

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 56
LINE_HEIGHT = 16


def _escape(text):
    # PDF string literals: backslash and parentheses are special; WinAnsi covers Dutch and French.
    encoded = text.encode("cp1252", errors="replace").decode("latin-1")
    return encoded.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def simple_pdf(title, lines):
    """The bytes of a one-page PDF with `title` in large type and `lines` below it."""
    y = PAGE_HEIGHT - MARGIN - 24
    commands = [f"BT /F1 22 Tf {MARGIN} {y} Td ({_escape(title)}) Tj ET"]
    y -= 2 * LINE_HEIGHT
    for line in lines:
        commands.append(f"BT /F1 12 Tf {MARGIN} {y} Td ({_escape(line)}) Tj ET")
        y -= LINE_HEIGHT
    stream = "\n".join(commands).encode("latin-1")

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
        ).encode("ascii"),
        b"<< /Length "
        + str(len(stream)).encode("ascii")
        + b" >>\nstream\n"
        + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
    xref_offset = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    for offset in offsets:
        output += f"{offset:010d} 00000 n \n".encode("ascii")
    output += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref_offset}\n%%EOF\n"
    ).encode("ascii")
    return bytes(output)
