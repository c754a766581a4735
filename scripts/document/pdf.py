"""The PDF: the DOCX rendered by LibreOffice headless, so the two are one document.

LibreOffice runs with a fresh profile in a temporary folder (`-env:UserInstallation`), so it
never touches a user's settings and two conversions never share a lock, with a timeout, with
fixed arguments, and only on a file this tool has just written into that temporary folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT = 300  # seconds; 1,000 requirements take well under a minute
PROGRAMS = ("soffice", "libreoffice")


class PdfError(Exception):
    """The PDF could not be made: `key` names the catalogue's command-line message (CLI)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


def find_office() -> str | None:
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def docx_to_pdf(docx: bytes, timeout: int = TIMEOUT) -> bytes:
    """Render DOCX bytes to PDF bytes with LibreOffice."""
    office = find_office()
    if office is None:
        raise PdfError("pdf-uten-libreoffice")
    with tempfile.TemporaryDirectory(prefix="krav-dokument-") as work:
        source = Path(work) / "dokument.docx"
        source.write_bytes(docx)
        profile = Path(work) / "profil"
        env = {key: value for key, value in os.environ.items() if key in ("PATH", "LANG", "LC_ALL", "TZ")}
        env["HOME"] = work
        command = [office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export", "--outdir", work, str(source)]
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout, env=env, cwd=work, check=False)
        except subprocess.TimeoutExpired:
            raise PdfError("pdf-tidsavbrudd", sekunder=timeout) from None
        except OSError as error:
            raise PdfError("pdf-feilet", grunn=str(error.strerror or error)) from None
        target = Path(work) / "dokument.pdf"
        if result.returncode != 0 or not target.is_file():
            raise PdfError("pdf-feilet", grunn=f"avslutningskode {result.returncode}")
        return target.read_bytes()
