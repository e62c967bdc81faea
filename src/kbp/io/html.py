"""HTML source documents: the main text, extracted with trafilatura."""

from __future__ import annotations

from pathlib import Path

from kbp.errors import EmptyInputError
from kbp.io.dates import normalize_date
from kbp.io.files import load_text
from kbp.types import Document


def read_html(path: Path, max_bytes: int) -> Document:
    """The main text of an HTML page as one Document (``id`` = file stem).

    Boilerplate (navigation, footers) is dropped and the page title, when found,
    opens the text as a headline followed by a blank line.  Offsets cannot map into
    the raw HTML: they are the identity into the extracted text, and ``path``
    records the file it came from.
    """
    import trafilatura  # imported here: it is slow to load and only HTML needs it

    raw = load_text(path, max_bytes)
    result = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False)
    body = (getattr(result, "text", None) or "").strip() if result is not None else ""
    title = (getattr(result, "title", None) or "").strip() if result is not None else ""
    title = " ".join(title.split())
    if not body and not title:
        raise EmptyInputError(str(path), "no main text found in the HTML page")
    if title and body.startswith(title):
        body = body[len(title) :].lstrip()
    text = f"{title}\n\n{body}" if title and body else (title or body)
    date = getattr(result, "date", None) if result is not None else None
    return Document(
        id=path.stem,
        text=text,
        path=str(path),
        kind="source",
        title=title or None,
        date=normalize_date(date) if date else None,
        headlines=((0, len(title)),) if title else (),
    )
