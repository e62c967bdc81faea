"""How KB load time, memory and ingest speed grow with the size of the reference KB.

Data: synthetic JSON-lines KBs of 10^4, 10^5 and 10^6 entries written by this script
(people, organisations and places with names built from syllable and word lists, a
type, aliases, and a text of about 300 characters that mentions other entries),
deterministic for a seed, written to a temporary folder and deleted afterwards.  Entry
``i`` has the same name in every KB size, so names taken from the first 10^4 entries are
in every KB.  The real ``wiki-vital-10k`` KB (10,033 entries) is loaded too, as a check
that the synthetic entries are not unrealistically cheap.

For each size, in a fresh process (so that peak RSS is per size): stream the file with
``kbp.io.read_kb`` into ``Pipeline(store).add_kb(..., analyse_text=False)`` on a new
SQLite file; report load seconds, entries/s (overall and over the last tenth of the
file), peak RSS and the database size.  Then ingest the same generated news-like
documents (mentioning KB names and names the KB does not have) against the smallest
and the largest store, each in a fresh process after an untimed spaCy pass over the
texts, and report docs/s and the slowdown (largest time / smallest time).  The two
ingests are repeated ``--rounds`` times, interleaved, each on a fresh copy of its store
(re-ingesting a document is a no-op), and the fastest of each counts:
a single ingest of 100 documents takes a few seconds, which this machine's noise moves
by a third.

Usage: python benchmarks/kb_scale.py [--sizes 10000,100000,1000000] [--docs 100] [--rounds 2]
Last line of output: one JSON object with the metrics.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[1]
WIKI_VITAL = ROOT.parent / "shared" / "benchmarks" / "wiki-vital-10k" / "kb.jsonl"

# -- synthetic names -------------------------------------------------------------------

SYLLABLES = (
    "al an ar bel ber bo ca cor da del dor el en fa fer ga gor ha hel in is ka kor la "
    "len lo ma mar mel mi na nor pa per ra ren ro sa sel so ta tor va ver vi za zor "
    "ki lu ne te bran dru gil hom jas kel mun pol quin rhos stan tul wen yor"
).split()
GIVEN = (
    "Anna Boris Carla Daniel Elena Farid Greta Hugo Irene Jonas Karin Luis Maria Nadia "
    "Oscar Paula Rafael Sofia Tomas Ursula Victor Wanda Yusuf Zoe Ahmed Beatriz Chen "
    "Dmitri Esther Felipe Hannah Ivan Julia Kenji Lena Marco Nina Omar Petra Ravi Sara "
    "Stefan Tanya Umar Vera William Xenia Yara Amir Bianca Conor Dalia Emil Fatima Gustav "
    "Helga Igor Jana Karl Leila Mateo Noor Olga Pablo Quentin Rosa Samir Teresa Viktor"
).split()
ORG_NOUNS = (
    "Steel Textile Railway Shipping Mining Energy Insurance Publishing Software Brewing "
    "Aviation Chemical Tobacco Timber Glass Telegraph Motor Cement Dairy Fishing"
).split()
ORG_FORMS = ("Company", "Group", "Corporation", "Works", "Holdings", "Union", "Trust")
CLUB_FORMS = ("Football Club", "Athletic Club", "Rowing Club", "Chess Society", "Orchestra")
REGIONS = ("northern", "southern", "eastern", "western", "central", "coastal", "upland")
PLACE_PREFIXES = ("Port", "San", "Upper", "Lower", "New", "Fort", "Lake")
PLACE_SUFFIXES = ("ia", "burg", "ville", "stad", "ford", "grad", "pol", "mouth")
NATIONS = ("Velorian", "Kastrian", "Morenish", "Alvaran", "Dorvian", "Tessaline", "Orcadian")
JOBS = (
    "painter", "physicist", "footballer", "novelist", "politician", "architect", "composer",
    "chemist", "sprinter", "economist", "film director", "race walker", "engineer", "poet",
)
ORG_KINDS = ("manufacturer", "trading house", "sports club", "publisher", "cooperative",
             "shipping line", "bank")

_TYPES = ("PER", "PER", "ORG", "GPE")
_MASK = (1 << 64) - 1


def _mix(x: int) -> int:
    """SplitMix64: a fast, well-spread deterministic hash of an integer."""
    x = (x + 0x9E3779B97F4A7C15) & _MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return x ^ (x >> 31)


class Draw:
    """Choices drawn from one 64-bit hash, refreshed when it runs low."""

    def __init__(self, key: int) -> None:
        self.h = _mix(key)
        self.key = key

    def below(self, n: int) -> int:
        if self.h < (1 << 24):
            self.key += 0x5851F42D4C957F2D
            self.h = _mix(self.key)
        value = self.h % n
        self.h //= n
        return value

    def pick(self, items: Sequence[T]) -> T:
        return items[self.below(len(items))]


def _word(d: Draw, syllables: int) -> str:
    return "".join(d.pick(SYLLABLES) for _ in range(syllables)).capitalize()


class Names:
    """The name, type and aliases of synthetic entry ``i``, computed from ``(seed, i)``
    alone, so that any entry's name can be mentioned without holding the others."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def draw(self, i: int, salt: int = 0) -> Draw:
        return Draw((self.seed << 40) ^ (salt << 36) ^ i)

    @staticmethod
    def type_of(i: int) -> str:
        """Half of the entries are people, a quarter organisations, a quarter places."""
        return _TYPES[i % 4]

    def entry(self, i: int) -> tuple[str, str, list[str]]:
        """``(type, title, aliases)`` of entry ``i``."""
        d = self.draw(i)
        kind = self.type_of(i)
        if kind == "PER":
            given, family = d.pick(GIVEN), _word(d, 2 + d.below(2))
            aliases = [f"{given[0]}. {family}"]
            if d.below(3) == 0:
                aliases.append(f"{given} {d.pick(GIVEN)} {family}")
            return "PER", f"{given} {family}", aliases
        if kind == "ORG":
            form = d.below(3)
            if form == 0:
                title = f"{_word(d, 2)} {d.pick(ORG_NOUNS)} {d.pick(ORG_FORMS)}"
            elif form == 1:
                title = f"{_word(d, 2 + d.below(2))} {d.pick(CLUB_FORMS)}"
            else:
                title = f"University of {_word(d, 2)}{d.pick(PLACE_SUFFIXES)}"
            words = title.split()
            return "ORG", title, ["".join(w[0] for w in words)] if len(words) >= 3 else []
        name = _word(d, 2 + d.below(2))
        form = d.below(4)
        if form == 0:
            name = f"{d.pick(PLACE_PREFIXES)} {name}"
        elif form == 1:
            name += d.pick(PLACE_SUFFIXES)
        return "GPE", name, [f"{name} City"] if d.below(5) == 0 else []

    def title(self, i: int) -> str:
        return self.entry(i)[1]

    def of_type(self, d: Draw, type_: str, below: int) -> str:
        """The title of a random entry of type ``type_`` among entries ``0 .. below-1``."""
        offsets = [k for k, t in enumerate(_TYPES) if t == type_]
        return self.title(4 * d.below(max(1, below // 4)) + d.pick(offsets))


def kb_text(names: Names, i: int, n: int) -> str:
    """About 300 characters about entry ``i``, mentioning other entries of a KB of ``n``."""
    type_, title, _ = names.entry(i)
    d = names.draw(i, salt=1)
    year = 1850 + d.below(160)
    person = names.of_type(d, "PER", n)
    place = names.of_type(d, "GPE", n)
    org = names.of_type(d, "ORG", n)
    nation = d.pick(NATIONS)
    if type_ == "PER":
        he = d.pick(("He", "She"))
        family = title.split()[-1]
        return (
            f"{title} (born {year}) is {_a(nation)} {nation} {d.pick(JOBS)}. {he} was "
            f"born in {place} and studied at {org}. In {year + 20 + d.below(30)} "
            f"{he.lower()} moved to {names.of_type(d, 'GPE', n)}, where {he.lower()} "
            f"worked with {person} until {year + 55 + d.below(20)}. {family} received the "
            f"{names.of_type(d, 'PER', n)} Prize in {year + 30 + d.below(40)} and is a member "
            f"of {names.of_type(d, 'ORG', n)}."
        )
    if type_ == "ORG":
        kind = d.pick(ORG_KINDS)
        return (
            f"{title} is {_a(nation)} {nation} {kind} based in {place}. It was "
            f"founded in {year} by {person}. Its chairman since {year + 40 + d.below(60)} is "
            f"{names.of_type(d, 'PER', n)}, and it has {10 + d.below(5000)} employees in "
            f"{2 + d.below(30)} countries. In {year + 10 + d.below(90)} it merged with "
            f"{names.of_type(d, 'ORG', n)} of {names.of_type(d, 'GPE', n)}."
        )
    return (
        f"{title} is a town in the {d.pick(REGIONS)} region of {nation[:-2]}a, "
        f"on the road to {place}. It has a population of {1000 + d.below(900000):,}. "
        f"Notable people from {title} include {person} and {names.of_type(d, 'PER', n)}; "
        f"{org} has its seat there. The town was first recorded in {year - 600} and was "
        f"twinned with {names.of_type(d, 'GPE', n)} in {year + 60 + d.below(40)}."
    )


def _a(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def write_kb(path: Path, n: int, names: Names) -> None:
    """Write a KB of ``n`` entries as JSON lines, one entry at a time."""
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            type_, title, aliases = names.entry(i)
            record = {"id": f"S{i}", "title": title, "type": type_, "aliases": aliases,
                      "text": kb_text(names, i, n)}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_docs(path: Path, count: int, names: Names, known_below: int) -> None:
    """``count`` short news items: names of KB entries ``0 .. known_below-1`` (present in
    every KB size) mixed with names the KB does not have (another seed's)."""
    unknown = Names(names.seed + 7919)
    with open(path, "w", encoding="utf-8") as f:
        for k in range(count):
            d = names.draw(k, salt=2)
            person = names.of_type(d, "PER", known_below)
            other = unknown.of_type(d, "PER", 1 << 30)
            place = names.of_type(d, "GPE", known_below)
            new_place = unknown.of_type(d, "GPE", 1 << 30)
            org = names.of_type(d, "ORG", known_below)
            day = d.pick(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"))
            text = (
                f"{person} arrived in {place} on {day} to meet {other}, the new chairman "
                f"of {org}. \"We expect to open a plant in {new_place} next year,\" "
                f"{other.split()[-1]} said. {person.split()[-1]} declined to comment. "
                f"Last year {org} reported a profit of {d.below(900) + 10} million, "
                f"according to {unknown.of_type(d, 'PER', 1 << 30)}, an analyst in "
                f"{names.of_type(d, 'GPE', known_below)}. {other.split()[-1]}, who was born "
                f"in {new_place} in {1940 + d.below(50)}, studied at "
                f"{names.of_type(d, 'ORG', known_below)}."
            )
            f.write(json.dumps({"id": f"news-{k:04d}", "text": text}) + "\n")


# -- child processes -------------------------------------------------------------------


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Progress:
    """Counts entries as they are read; redraws one line on a terminal, silent otherwise.

    Also notes when the last tenth of the file starts, for the late load rate."""

    def __init__(self, label: str, total: int | None) -> None:
        self.label = label
        self.total = total
        self.count = 0
        self.tty = sys.stderr.isatty()
        self.last_tenth_at: tuple[int, float] | None = None

    def wrap(self, items: Iterable[object]) -> Iterator[object]:
        step = max(1, (self.total or 0) // 100) if self.total else 10_000
        mark = int(self.total * 0.9) if self.total else None
        for item in items:
            self.count += 1
            if self.count == mark:
                self.last_tenth_at = (self.count, time.perf_counter())
            if self.tty and self.count % step == 0:
                of = f"/{self.total:,}" if self.total else ""
                print(f"\r  {self.label}: {self.count:,}{of}", end="", file=sys.stderr,
                      flush=True)
            yield item
        if self.tty:
            print("\r" + " " * 60 + "\r", end="", file=sys.stderr, flush=True)


def child_load(kb_path: Path, db_path: Path, total: int | None) -> dict[str, object]:
    from kbp.io import read_kb
    from kbp.kb import open_store
    from kbp.pipeline import Pipeline

    before_mb = _peak_rss_mb()
    progress = Progress(kb_path.name, total)
    with open_store(db_path) as store:
        t0 = time.perf_counter()
        report = Pipeline(store).add_kb(progress.wrap(read_kb([kb_path])), analyse_text=False)
        load_s = time.perf_counter() - t0
        stats = store.stats()
    end = time.perf_counter()
    result: dict[str, object] = {
        "entries": report.processed,
        "load_s": round(load_s, 2),
        "entries_per_s": round(report.processed / load_s, 1),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "rss_before_load_mb": round(before_mb, 1),
        "db_mb": round(db_path.stat().st_size / 2**20, 1),
        "aliases": stats["aliases"],
    }
    if progress.last_tenth_at is not None and progress.count >= 100_000:  # ±1 batch
        seen, at = progress.last_tenth_at
        result["last_tenth_entries_per_s"] = round((progress.count - seen) / (end - at), 1)
    return result


def child_ingest(db_path: Path, docs_path: Path) -> dict[str, object]:
    from kbp.io import read_documents
    from kbp.kb import open_store
    from kbp.nlp.model import load_nlp
    from kbp.pipeline import Pipeline

    docs = list(read_documents([docs_path]))
    nlp = load_nlp()
    # steady state: the first pass over new text fills the vocabulary (untimed)
    for _ in nlp.pipe([d.text for d in docs], batch_size=16):
        pass
    with open_store(db_path) as store:
        pipe = Pipeline(store, nlp=nlp)
        t0 = time.perf_counter()
        pipe.linker()
        linker_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = pipe.ingest(docs)
        ingest_s = time.perf_counter() - t0
    return {
        "docs": report.processed,
        "linker_s": round(linker_s, 3),
        "ingest_s": round(ingest_s, 2),
        "docs_per_s": round(report.processed / ingest_s, 2),
        "mentions": report.mentions,
        "facts": report.facts,
        "peak_rss_mb": round(_peak_rss_mb(), 1),
    }


def run_child(*args: str) -> dict[str, object]:
    """Run this script in a fresh interpreter; its last stdout line is the result."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p)}
    done = subprocess.run([sys.executable, __file__, "--child", *args],
                          stdout=subprocess.PIPE, text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- main ----------------------------------------------------------------------------------


def size_label(n: int) -> str:
    for unit, suffix in ((1_000_000, "m"), (1_000, "k")):
        if n >= unit and n % unit == 0:
            return f"{n // unit}{suffix}"
    return str(n)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000",
                    help="comma-separated KB sizes (entries)")
    ap.add_argument("--docs", type=int, default=100, help="news documents to ingest")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--rounds", type=int, default=2,
                    help="ingest rounds per store, interleaved; the fastest counts")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:
        what, *rest = args.child
        if what == "load":
            kb_path, db_path, total = rest
            result = child_load(Path(kb_path), Path(db_path), int(total) or None)
        else:
            db_path, docs_path = rest
            result = child_ingest(Path(db_path), Path(docs_path))
        print(json.dumps(result))
        return

    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    names = Names(args.seed)
    per_size: dict[str, dict[str, object]] = {}
    out: dict[str, object] = {"sizes": per_size}
    with tempfile.TemporaryDirectory(prefix="kbp-kb-scale-") as tmp:
        tmp_dir = Path(tmp)
        dbs: dict[int, Path] = {}
        for n in sizes:
            kb_path = tmp_dir / f"kb-{n}.jsonl"
            t0 = time.perf_counter()
            write_kb(kb_path, n, names)
            gen_s = time.perf_counter() - t0
            dbs[n] = tmp_dir / f"kb-{n}.db"
            metrics = run_child("load", str(kb_path), str(dbs[n]), str(n))
            metrics["kb_file_mb"] = round(kb_path.stat().st_size / 2**20, 1)
            metrics["generate_s"] = round(gen_s, 1)
            kb_path.unlink()
            per_size[size_label(n)] = metrics
            print(f"{n:>9,} entries: load {metrics['load_s']} s "
                  f"({metrics['entries_per_s']:,} entries/s), peak RSS "
                  f"{metrics['peak_rss_mb']} MB, db {metrics['db_mb']} MB", file=sys.stderr)

        if WIKI_VITAL.is_file():
            wiki = run_child("load", str(WIKI_VITAL), str(tmp_dir / "wiki.db"), "0")
            out["wiki_vital_10k_load_s"] = wiki["load_s"]
            out["wiki_vital_10k"] = wiki
            print(f"wiki-vital-10k: load {wiki['load_s']} s", file=sys.stderr)

        if args.docs > 0 and sizes:
            small, big = sizes[0], sizes[-1]
            for n in sizes[1:-1]:
                dbs.pop(n).unlink()
            docs_path = tmp_dir / "news.jsonl"
            write_docs(docs_path, args.docs, names, known_below=small)
            ingest: dict[str, dict[str, object]] = {}
            for r in range(args.rounds):  # interleaved; the fastest round of each counts
                for n in dict.fromkeys((small, big)):
                    work = tmp_dir / "ingest.db"  # a copy: re-ingesting a document is a no-op
                    shutil.copyfile(dbs[n], work)
                    got = run_child("ingest", str(work), str(docs_path))
                    work.unlink()
                    print(f"round {r + 1}: ingest against {n:,}: {got['docs_per_s']} docs/s",
                          file=sys.stderr)
                    best = ingest.get(size_label(n))
                    if best is None or got["ingest_s"] < best["ingest_s"]:
                        ingest[size_label(n)] = got
            out["ingest"] = ingest
            out["rounds"] = args.rounds
            slowdown = ingest[size_label(big)]["ingest_s"] / ingest[size_label(small)]["ingest_s"]
            out[f"ingest_slowdown_{size_label(big)}_vs_{size_label(small)}"] = round(slowdown, 3)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
