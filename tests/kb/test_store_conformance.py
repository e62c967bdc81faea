"""Behaviour every Store backend must show; a backend runs it by overriding ``store``.

``StoreConformance`` holds the tests; ``TestSQLiteStore`` runs them on a SQLite file
and adds the tests that only make sense for a file-backed store.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from kbp.errors import StoreError
from kbp.kb import open_store
from kbp.kb.sqlite import SQLiteStore
from kbp.kb.store import Store, StoredFact
from kbp.types import DocKind, Document, Fact, Mention, Provenance


def doc(doc_id: str = "d1", kind: DocKind = "source") -> Document:
    return Document(id=doc_id, text="Jefferson Pérez was born in Cuenca.", kind=kind)


def fact(
    subject: str,
    slot: str,
    value: str,
    doc_id: str = "d1",
    span: tuple[int, int] = (0, 4),
    confidence: float = 0.8,
    object: str | None = None,
    **qualifiers: str,
) -> Fact:
    prov = Provenance(doc_id, span[0], span[1], f"{value} in {doc_id}", extractor="test")
    return Fact(subject, slot, value, confidence, (prov,), object=object, qualifiers=qualifiers)


def only(facts: Iterator[StoredFact]) -> StoredFact:
    found = list(facts)
    assert len(found) == 1, found
    return found[0]


class StoreConformance:
    """The Store contract; subclasses provide the ``store`` fixture."""

    @pytest.fixture
    def store(self) -> Iterator[Store]:
        raise NotImplementedError("a backend's test class overrides the store fixture")

    @pytest.fixture
    def perez(self, store: Store) -> str:
        return store.ensure_kb_entity("Q312", "Jefferson Pérez", "PER", ["Pérez"])

    # -- entities --------------------------------------------------------------------

    def test_is_a_store(self, store: Store) -> None:
        assert isinstance(store, Store)

    def test_kb_entity_is_idempotent(self, store: Store) -> None:
        first = store.ensure_kb_entity("Q312", "Jefferson Pérez", "PER", ["Pérez"])
        again = store.ensure_kb_entity("Q312", "Jefferson Pérez", "PER", ["J. Pérez", "PEREZ"])
        assert first == again
        entity = store.get_entity(first)
        assert entity is not None
        assert (entity.name, entity.type, entity.kb_id) == ("Jefferson Pérez", "PER", "Q312")
        assert entity.aliases == ("Pérez", "J. Pérez")
        assert not entity.is_nil
        assert [e.id for e in store.kb_entities()] == [first]
        assert list(store.nil_entities()) == []

    def test_distinct_kb_entries_get_distinct_ids(self, store: Store) -> None:
        a = store.ensure_kb_entity("Q1", "Quito", "GPE")
        b = store.ensure_kb_entity("Q2", "Cuenca", "GPE")
        assert a != b
        assert a.startswith("E") and b.startswith("E")

    def test_alias_lookup_is_case_and_accent_folded(self, store: Store, perez: str) -> None:
        assert [e.id for e in store.entities_by_alias("perez")] == [perez]
        assert [e.id for e in store.entities_by_alias("  JEFFERSON   PEREZ ")] == [perez]
        assert [e.id for e in store.entities_by_alias("perez", type="PER")] == [perez]
        assert store.entities_by_alias("perez", type="ORG") == []
        assert store.entities_by_alias("Jefferson") == []

    def test_add_aliases(self, store: Store, perez: str) -> None:
        store.add_aliases(perez, ["El Jeff", "el  jeff", ""])
        entity = store.get_entity(perez)
        assert entity is not None
        assert entity.aliases == ("Pérez", "El Jeff")
        assert [e.id for e in store.entities_by_alias("EL JEFF")] == [perez]

    def test_nil_entity(self, store: Store, perez: str) -> None:
        nil = store.new_entity("Rosa Pérez", "PER")
        assert nil != perez
        entity = store.get_entity(nil)
        assert entity is not None and entity.is_nil and entity.name == "Rosa Pérez"
        assert [e.id for e in store.nil_entities()] == [nil]
        assert [e.id for e in store.kb_entities()] == [perez]
        assert store.get_entity("E999999") is None

    def test_find_entities(self, store: Store, perez: str) -> None:
        nil = store.new_entity("Rosa Pérez", "PER")
        walker = store.new_entity("Perez", "PER")
        store.add_fact(fact(nil, "per:title", "coach"), "source")
        assert [e.id for e in store.find_entities("Q312")] == [perez]
        # exact folded alias first (KB entity, then the NIL one), then substrings
        found = [e.id for e in store.find_entities("perez")]
        assert found == [perez, walker, nil]
        assert store.find_entities("") == []
        assert store.find_entities("100%_") == []

    def test_ensure_kb_entities_in_bulk(self, store: Store, perez: str) -> None:
        ids = store.ensure_kb_entities([
            ("Q2900", "Quito", "GPE", ["San Francisco de Quito"], "capital ecuador"),
            ("Q312", "Jefferson Pérez", "PER", ["El Jeff"], "athlete walk"),
            ("Q736", "Ecuador", None, (), None),
            ("Q736", "Ecuador", "GPE", iter(["Republic of Ecuador"]), "country andes"),
        ])
        quito, again, ecuador, ecuador_again = ids
        assert again == perez and ecuador_again == ecuador
        assert len({quito, perez, ecuador}) == 3
        assert [e.id for e in store.kb_entities()] == [perez, quito, ecuador]
        assert store.ensure_kb_entity("Q2900", "Quito", "GPE") == quito
        entity = store.get_entity(perez)
        assert entity is not None and entity.aliases == ("Pérez", "El Jeff")
        entity = store.get_entity(ecuador)
        assert entity is not None
        assert (entity.name, entity.type, entity.aliases) == ("Ecuador", "GPE",
                                                              ("Republic of Ecuador",))
        assert dict(store.entity_contexts()) == {
            quito: "capital ecuador", perez: "athlete walk", ecuador: "country andes"}
        assert store.ensure_kb_entities([]) == []

    def test_ensure_kb_entities_writes_all_rows_or_none(self, store: Store) -> None:
        with pytest.raises(ValueError):
            store.ensure_kb_entities([("Q1", "Quito", "GPE", (), "capital"),
                                      ("Q2", "   ", "GPE", (), None)])
        with pytest.raises(ValueError):
            store.ensure_kb_entities([("Q1", "Quito", "GPE", (), None),
                                      ("", "Lima", None, (), None)])
        assert list(store.kb_entities()) == []
        assert list(store.entity_contexts()) == []
        assert store.aliases_with_token("quito") == []

    def test_entity_contexts(self, store: Store) -> None:
        perez = store.ensure_kb_entity("Q312", "Jefferson Pérez", "PER")
        quito = store.ensure_kb_entity("Q2900", "Quito", "GPE")
        assert store.entity_context(perez) is None
        store.set_entity_context(perez, "athlete walk")
        store.set_entity_context(quito, "capital ecuador")
        store.set_entity_context(perez, "athlete race walk")
        assert dict(store.entity_contexts()) == {perez: "athlete race walk",
                                                 quito: "capital ecuador"}
        assert store.entity_context(perez) == "athlete race walk"
        assert store.entity_context(quito) == "capital ecuador"
        assert store.entity_context("E77") is None
        with pytest.raises(StoreError, match="E77"):
            store.set_entity_context("E77", "nothing")

    # -- linking index -----------------------------------------------------------------

    def test_kb_entities_by_alias(self, store: Store, perez: str) -> None:
        store.new_entity("Pérez", "PER")  # a NIL entity is never a KB candidate
        store.add_aliases(perez, ["El Jeff"])
        walker = store.ensure_kb_entity("Q99", "Pérez (walker)", "PER", ["Pérez"])
        found = store.kb_entities_by_alias("perez")
        assert [e.id for e in found] == [perez, walker]
        assert [(e.name, e.type, e.kb_id, e.aliases) for e in found] == [
            ("Jefferson Pérez", "PER", "Q312", ("Pérez", "El Jeff")),
            ("Pérez (walker)", "PER", "Q99", ("Pérez",)),
        ]
        assert [e.id for e in store.kb_entities_by_alias("el jeff")] == [perez]
        assert [e.id for e in store.kb_entities_by_alias("jefferson perez")] == [perez]
        assert store.kb_entities_by_alias("jefferson") == []
        assert store.kb_entities_by_alias("") == []

    def test_aliases_with_token(self, store: Store, perez: str) -> None:
        store.ensure_kb_entity("Q1", "Juan Pérez", "PER", ["Pérez"])  # shared alias, once
        store.ensure_kb_entity("Q2", "Perez Zeledón", "GPE")
        store.add_aliases(perez, ["Jeff Pérez Cordero"])
        nil = store.new_entity("Rosa Pérez", "PER")
        store.add_aliases(nil, ["Rosa María Pérez"])  # NIL names are not indexed
        assert sorted(store.aliases_with_token("perez")) == [
            "jeff perez cordero", "jefferson perez", "juan perez", "perez", "perez zeledon"]
        assert store.aliases_with_token("cordero") == ["jeff perez cordero"]
        assert store.aliases_with_token("rosa") == []
        assert store.aliases_with_token("pere") == []
        assert len(store.aliases_with_token("perez", limit=2)) == 2
        assert set(store.aliases_with_token("perez", 2)) <= set(store.aliases_with_token("perez"))

    def test_link_counts_accumulate(self, store: Store) -> None:
        assert store.link_counts("quito") == {}
        store.add_link_counts([("Quito", "Q2900", 3), ("QUITO", "Q2900", 1),
                               ("Quito", "Quito_(band)", 1), ("  ", "Q1", 4)])
        store.add_link_counts(iter([("quito", "Q2900", 2), ("Pérez", "Q312", 1)]))
        assert store.link_counts("quito") == {"Q2900": 6, "Quito_(band)": 1}
        assert store.link_counts("perez") == {"Q312": 1}
        assert store.link_counts("Quito") == {}  # the argument is already folded
        assert store.link_counts("") == {}

    def test_linking_index_rolls_back_with_its_transaction(self, store: Store) -> None:
        with pytest.raises(RuntimeError), store.transaction():
            store.ensure_kb_entities([("Q1", "Quito", "GPE", ["Quito City"], "capital")])
            store.add_link_counts([("Quito", "Q1", 1)])
            raise RuntimeError("boom")
        assert store.kb_entities_by_alias("quito") == []
        assert store.aliases_with_token("quito") == []
        assert store.link_counts("quito") == {}
        assert list(store.entity_contexts()) == []

    # -- transactions and documents ----------------------------------------------------

    def test_transaction_rollback_leaves_nothing(self, store: Store) -> None:
        with pytest.raises(RuntimeError, match="boom"), store.transaction():
            store.record_document(doc(), "digest-1")
            entity = store.ensure_kb_entity("Q1", "Quito", "GPE")
            store.add_fact(fact(entity, "org:city_of_headquarters", "Quito"), "source")
            raise RuntimeError("boom")
        assert store.document_digest("d1") is None
        assert list(store.kb_entities()) == []
        assert list(store.facts()) == []

    def test_transaction_commits(self, store: Store) -> None:
        with store.transaction():
            store.record_document(doc(), "digest-1")
            store.ensure_kb_entity("Q1", "Quito", "GPE")
        assert store.document_digest("d1") == "digest-1"
        assert len(list(store.kb_entities())) == 1

    def test_nested_transaction_failure_undoes_only_itself(self, store: Store) -> None:
        with store.transaction():
            outer = store.new_entity("Outer", "PER")
            with pytest.raises(ValueError), store.transaction():
                store.new_entity("Inner", "PER")
                raise ValueError("inner")
            with store.transaction():
                kept = store.new_entity("Kept", "PER")
        assert {e.id for e in store.nil_entities()} == {outer, kept}

    def test_failed_outer_transaction_undoes_committed_inner_block(self, store: Store) -> None:
        with pytest.raises(RuntimeError), store.transaction():
            with store.transaction():
                store.new_entity("Inner", "PER")
            raise RuntimeError("outer")
        assert list(store.nil_entities()) == []

    def test_rerecording_a_changed_document_replaces_its_rows(
        self, store: Store, perez: str
    ) -> None:
        store.record_document(doc("d1"), "v1")
        store.record_document(doc("d2"), "v1")
        mention = Mention("d1", 0, 15, "Jefferson Pérez", "PER")
        store.add_mentions("d1", [(mention, 10, 25, perez)])
        store.add_fact(fact(perez, "per:title", "walker", "d1", confidence=0.8), "source")
        store.add_fact(fact(perez, "per:title", "walker", "d2", confidence=0.5), "source")
        store.add_fact(fact(perez, "per:city_of_birth", "Cuenca", "d1"), "source")
        assert only(store.facts(slot="per:title")).confidence == pytest.approx(0.9)

        store.record_document(doc("d1"), "v1")  # same digest: nothing removed
        assert len(list(store.mentions())) == 1
        assert len(list(store.facts())) == 2

        store.record_document(doc("d1"), "v2")
        assert store.document_digest("d1") == "v2"
        assert list(store.mentions()) == []
        title = only(store.facts())
        assert (title.slot, title.status, title.sources) == ("per:title", "new", 1)
        assert [p.doc_id for p in title.provenance] == ["d2"]
        assert title.confidence == pytest.approx(0.5)

    # -- facts -----------------------------------------------------------------------------

    def test_kb_status(self, store: Store, perez: str) -> None:
        store.add_fact(fact(perez, "per:city_of_birth", "Cuenca", "kb:Q312"), "kb")
        stored = only(store.facts(subject=perez))
        assert (stored.status, stored.sources, stored.value) == ("kb", 1, "Cuenca")
        assert stored.subject.id == perez and stored.subject.kb_id == "Q312"

    def test_new_status(self, store: Store, perez: str) -> None:
        fact_id = store.add_fact(fact(perez, "per:city_of_birth", "Cuenca"), "source")
        stored = only(store.facts())
        assert (stored.id, stored.status, stored.sources) == (fact_id, "new", 1)
        assert stored.provenance == (Provenance("d1", 0, 4, "Cuenca in d1", "test"),)

    def test_corroborated_by_two_documents(self, store: Store, perez: str) -> None:
        a = store.add_fact(fact(perez, "per:city_of_birth", "Cuenca", "kb:Q312"), "kb")
        b = store.add_fact(fact(perez, "per:city_of_birth", "CUENCA", "d1", (5, 11)), "source")
        assert a == b
        stored = only(store.facts())
        assert (stored.status, stored.sources, stored.value) == ("corroborated", 2, "Cuenca")
        assert {p.doc_id for p in stored.provenance} == {"kb:Q312", "d1"}

    def test_same_document_twice_is_not_corroboration(self, store: Store, perez: str) -> None:
        store.add_fact(fact(perez, "per:title", "walker", "d1", (0, 6), 0.8), "source")
        store.add_fact(fact(perez, "per:title", "walker", "d1", (0, 6), 0.8), "source")
        store.add_fact(fact(perez, "per:title", "Walker", "d1", (40, 46), 0.6), "source")
        stored = only(store.facts())
        assert (stored.status, stored.sources) == ("new", 1)
        assert len(stored.provenance) == 2
        assert stored.confidence == pytest.approx(0.8)

    def test_confidence_combines_across_documents(self, store: Store, perez: str) -> None:
        store.add_fact(fact(perez, "per:title", "walker", "d1", confidence=0.8), "source")
        store.add_fact(fact(perez, "per:title", "walker", "d2", confidence=0.5), "source")
        assert only(store.facts()).confidence == pytest.approx(0.9)
        store.add_fact(fact(perez, "per:title", "walker", "d3", confidence=0.9), "source")
        assert only(store.facts()).confidence == pytest.approx(0.99)

    def test_conflict_flags_both_rows(self, store: Store, perez: str) -> None:
        store.add_fact(fact(perez, "per:city_of_birth", "Cuenca", "kb:Q312"), "kb")
        store.add_fact(fact(perez, "per:city_of_birth", "Quito", "d1"), "source")
        rows = list(store.facts(subject=perez, slot="per:city_of_birth"))
        assert sorted(r.value for r in rows) == ["Cuenca", "Quito"]
        assert {r.status for r in rows} == {"conflict"}

    def test_multi_valued_slot_has_no_conflict(self, store: Store, perez: str) -> None:
        store.add_fact(fact(perez, "per:cities_of_residence", "Cuenca"), "source")
        store.add_fact(fact(perez, "per:cities_of_residence", "Quito"), "source")
        assert {r.status for r in store.facts()} == {"new"}

    @pytest.mark.parametrize("order", [("1974", "1974-07-01"), ("1974-07-01", "1974")])
    def test_partial_date_merges_into_fuller_value(
        self, store: Store, perez: str, order: tuple[str, str]
    ) -> None:
        first, second = order
        store.add_fact(fact(perez, "per:date_of_birth", first, "d1"), "source")
        store.add_fact(fact(perez, "per:date_of_birth", second, "d2", (9, 19)), "source")
        stored = only(store.facts())
        assert (stored.value, stored.status, stored.sources) == ("1974-07-01", "corroborated", 2)
        store.add_fact(fact(perez, "per:date_of_birth", "1974-07-01", "d3"), "source")
        assert only(store.facts()).sources == 3

    def test_results_merge_by_competition_and_year(self, store: Store, perez: str) -> None:
        slot = "per:competition_result"
        store.add_fact(fact(perez, slot, "gold", "kb:Q312", competition="Olympic Games",
                            year="1996", event="20 km walk"), "kb")
        store.add_fact(fact(perez, slot, "1st", "d1", competition="olympic games",
                            year="1996", time="1:20:07"), "source")
        store.add_fact(fact(perez, slot, "gold", "d1", (50, 54), competition="World Championships",
                            year="2003"), "source")
        rows = list(store.facts(slot=slot))
        assert len(rows) == 2
        olympic = next(r for r in rows if r.qualifiers["competition"] == "Olympic Games")
        assert olympic.value == "gold" and olympic.status == "corroborated"
        assert dict(olympic.qualifiers) == {"competition": "Olympic Games", "year": "1996",
                                            "event": "20 km walk", "time": "1:20:07"}

    def test_object_entity(self, store: Store, perez: str) -> None:
        ecuador = store.ensure_kb_entity("Q736", "Ecuador", "GPE")
        store.add_fact(fact(perez, "per:country_of_birth", "Ecuador", object=ecuador), "source")
        store.add_fact(fact(perez, "per:country_of_birth", "Republic of Ecuador", "d2",
                            object=ecuador), "source")
        stored = only(store.facts())
        assert stored.object is not None and stored.object.kb_id == "Q736"
        assert (stored.value, stored.status) == ("Ecuador", "corroborated")

    def test_min_confidence_filter(self, store: Store, perez: str) -> None:
        store.add_fact(fact(perez, "per:title", "walker", confidence=0.9), "source")
        store.add_fact(fact(perez, "per:title", "coach", confidence=0.3), "source")
        assert {f.value for f in store.facts(min_confidence=0.5)} == {"walker"}
        assert len(list(store.facts())) == 2
        assert list(store.facts(min_confidence=0.95)) == []

    def test_filters_by_subject_and_slot(self, store: Store, perez: str) -> None:
        other = store.new_entity("Rosa Pérez", "PER")
        store.add_fact(fact(perez, "per:title", "walker"), "source")
        store.add_fact(fact(perez, "per:city_of_birth", "Cuenca"), "source")
        store.add_fact(fact(other, "per:title", "coach"), "source")
        assert {f.value for f in store.facts(subject=perez)} == {"walker", "Cuenca"}
        assert {f.value for f in store.facts(slot="per:title")} == {"walker", "coach"}
        assert [f.value for f in store.facts(subject=other, slot="per:title")] == ["coach"]

    def test_unknown_slot_is_a_key_error(self, store: Store, perez: str) -> None:
        with pytest.raises(KeyError, match="per:shoe_size"):
            store.add_fact(fact(perez, "per:shoe_size", "44"), "source")
        with pytest.raises(KeyError, match="per:shoe_size"):
            list(store.facts(slot="per:shoe_size"))

    def test_mentions_round_trip(self, store: Store, perez: str) -> None:
        nil = store.new_entity("Rosa", "PER")
        rows = [
            (Mention("d1", 0, 15, "Jefferson Pérez", "PER"), 100, 115, perez),
            (Mention("d1", 28, 34, "Cuenca", "GPE"), 130, 136, None),
            (Mention("d1", 40, 44, "Rosa", "PER"), 142, 146, nil),
        ]
        store.add_mentions("d1", rows, {perez: 0.91, nil: 0.7})
        assert list(store.mentions()) == [
            {"doc_id": "d1", "start": 100, "end": 115, "text": "Jefferson Pérez", "type": "PER",
             "entity_id": perez, "kb_id": "Q312", "link_score": 0.91},
            {"doc_id": "d1", "start": 130, "end": 136, "text": "Cuenca", "type": "GPE",
             "entity_id": None, "kb_id": None, "link_score": None},
            {"doc_id": "d1", "start": 142, "end": 146, "text": "Rosa", "type": "PER",
             "entity_id": nil, "kb_id": None, "link_score": 0.7},
        ]
        store.add_mentions("d1", rows[:1])  # again, undecided: the score goes with the row
        assert next(store.mentions())["link_score"] is None

    def test_stats(self, store: Store, perez: str) -> None:
        store.record_document(doc(), "v1")
        store.add_fact(fact(perez, "per:title", "walker"), "source")
        stats = store.stats()
        assert stats["documents"] == 1
        assert stats["entities"] == 1
        assert stats["facts"] == 1


class TestSQLiteStore(StoreConformance):
    """The embedded SQLite store, on a file."""

    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[SQLiteStore]:
        s = SQLiteStore(tmp_path / "kb.sqlite")
        yield s
        s.close()

    def test_reopen_keeps_everything(self, tmp_path: Path) -> None:
        path = tmp_path / "kb.sqlite"
        with SQLiteStore(path) as s:
            perez = s.ensure_kb_entity("Q312", "Jefferson Pérez", "PER")
            s.add_fact(fact(perez, "per:title", "walker"), "source")
        with SQLiteStore(path) as s:
            assert s.ensure_kb_entity("Q312", "Jefferson Pérez", "PER") == perez
            assert s.new_entity("Rosa", "PER") != perez
            assert only(s.facts()).value == "walker"

    def test_writes_outside_a_transaction_commit_at_once(self, tmp_path: Path) -> None:
        path = tmp_path / "kb.sqlite"
        with SQLiteStore(path) as writer, SQLiteStore(path) as reader:
            entity = writer.new_entity("Rosa", "PER")
            writer.record_document(doc(), "v1")
            assert reader.get_entity(entity) is not None
            assert reader.document_digest("d1") == "v1"
            with writer.transaction():
                writer.new_entity("Pending", "PER")
                assert len(list(reader.nil_entities())) == 1
            assert len(list(reader.nil_entities())) == 2

    def test_wal_mode(self, tmp_path: Path) -> None:
        with SQLiteStore(tmp_path / "kb.sqlite") as s:
            s.new_entity("Rosa", "PER")
        conn = sqlite3.connect(tmp_path / "kb.sqlite")
        try:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            conn.close()

    def test_memory_store(self) -> None:
        store = open_store(":memory:")
        try:
            assert store.new_entity("Rosa", None) == "E1"
        finally:
            store.close()

    def test_text_file_is_not_a_database(self, tmp_path: Path) -> None:
        path = tmp_path / "notes.txt"
        path.write_text("Jefferson Pérez won the 20 km walk.\n" * 200)
        with pytest.raises(StoreError, match=r"notes\.txt: not a kbp database \("):
            SQLiteStore(path)

    def test_other_sqlite_database_is_refused(self, tmp_path: Path) -> None:
        path = tmp_path / "other.db"
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
        with pytest.raises(StoreError, match="not a kbp database"):
            open_store(path)

    def test_directory_is_refused(self, tmp_path: Path) -> None:
        with pytest.raises(StoreError, match="not a kbp database"):
            SQLiteStore(tmp_path)

    def test_missing_directory_is_refused(self, tmp_path: Path) -> None:
        with pytest.raises(StoreError, match="no directory"):
            SQLiteStore(tmp_path / "missing" / "kb.sqlite")

    def test_status_counts_in_stats(self, store: Store, perez: str) -> None:
        store.add_fact(fact(perez, "per:city_of_birth", "Cuenca", "kb:Q312"), "kb")
        store.add_fact(fact(perez, "per:title", "walker"), "source")
        stats = store.stats()
        assert (stats["facts_kb"], stats["facts_new"], stats["facts_conflict"]) == (1, 1, 0)

    def test_unknown_subject_is_a_store_error(self, store: Store) -> None:
        with pytest.raises(StoreError, match="E42"):
            store.add_fact(fact("E42", "per:title", "walker"), "source")
