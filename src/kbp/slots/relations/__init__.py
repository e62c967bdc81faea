"""A statistical relation classifier for slot filling.

Adds recall to the hand-written extractors: every (person or organisation, typed
mention) pair of a sentence is scored by one logistic regression per relation over
cheap parse features (:mod:`.features`); pairs above the relation's threshold become
ordinary kbp facts (:mod:`.model`).  The weights were trained on KnowledgeNet folds
1-3 with scikit-learn by :mod:`.train` and ship as ``kbp/data/relation_model.json.gz``.
"""

from kbp.slots.relations.model import RELATIONS, RelationModel, load_model

__all__ = ["RELATIONS", "RelationModel", "load_model"]
