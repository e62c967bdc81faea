"""Tests of the knowledge-base store, the fact merge, the exports and the profile."""
