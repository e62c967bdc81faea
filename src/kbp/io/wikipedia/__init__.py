"""Wikipedia XML dumps (the MediaWiki export format) as a reference KB.

A dump is streamed page by page: ``mwxml`` walks the XML (``.xml``, or ``.xml.bz2``
decompressed on the fly) and ``mwparserfromhell`` parses each page's wikitext.  Only
main-namespace pages (``<ns>0</ns>``) are read, and of each page only its newest
revision.  Memory holds one page at a time, plus names only: one title per article
read and the aliases that redirects and disambiguation pages give (see
:func:`read_wikipedia`).  Expect a few thousand small pages a second: mwxml's walk of
the XML and the wikitext parse take most of the time, bzip2 decompression comes on top.

- An article page becomes a :class:`~kbp.types.KBEntry` (see :func:`read_wikipedia`).
- A redirect page makes its title an alias of the target article.
- A disambiguation page (title ending "(disambiguation)", or a ``{{disambiguation}}``,
  ``{{disambig}}`` or ``{{dab}}`` template) is not an entry: the article each of its
  lines links to first gets the page's base title as an alias ("Mercury
  (disambiguation)" gives "Mercury" to "Mercury (planet)" and "Mercury (element)").
"""

from kbp.io.wikipedia.dump import is_bz2_dump, read_wikipedia
from kbp.io.wikipedia.pages import guess_type, wikitext_entry
from kbp.io.wikipedia.wikitext import normalize_title

__all__ = ["guess_type", "is_bz2_dump", "normalize_title", "read_wikipedia", "wikitext_entry"]
