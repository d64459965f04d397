"""Seed code_labels (the Chinese labels the marts join beside their codes) agrees with the layout data:
a code a layout vocabulary defines is labelled with one of that vocabulary's own labels, and every totals or
procurement subject the layout files write has a label — so the vocabularies stay in one place."""
import csv
from pathlib import Path

import pytest
import yaml

from pipelines.layouts import LAYOUTS_DIR, load_vocabularies

SEED = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "code_labels.csv"
# seed vocabulary → layout vocabulary (pipelines/layouts/vocab/*.yml) that defines the same codes
LAYOUT_VOCABULARY = {"three_public_component": "three_public_components", "fiscal_fund": "fiscal_funds"}


def seed_labels() -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {}
    with SEED.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            labels.setdefault(row["vocabulary"], {})[row["code"]] = row["label_zh"]
    return labels


def layout_subjects(family: str) -> set[str]:
    """Every `{family: …, subject: …}` mapping of the layout data files (statements.yml, narrative/*.yml)."""
    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            if node.get("family") == family and isinstance(node.get("subject"), str):
                found.add(node["subject"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in [LAYOUTS_DIR / "statements.yml", *sorted((LAYOUTS_DIR / "narrative").glob("*.yml"))]:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("seed_vocabulary, layout_vocabulary", sorted(LAYOUT_VOCABULARY.items()))
def test_a_layout_vocabulary_code_is_labelled_with_one_of_its_own_labels(seed_vocabulary, layout_vocabulary):
    vocabulary = load_vocabularies()[layout_vocabulary]
    labels = seed_labels()[seed_vocabulary]
    assert set(vocabulary.keys) <= set(labels), f"codes of {layout_vocabulary} without a label in {SEED.name}"
    for code in vocabulary.keys:
        assert vocabulary.key_of(labels[code]) == code, (code, labels[code], vocabulary.labels[code])


@pytest.mark.parametrize("family, seed_vocabulary", [("totals", "totals_measure"),
                                                      ("procurement", "procurement_category")])
def test_every_subject_the_layout_data_writes_has_a_label(family, seed_vocabulary):
    subjects = layout_subjects(family)
    assert subjects, f"no {family} subject found in the layout data (has its shape changed?)"
    assert subjects <= set(seed_labels()[seed_vocabulary]), subjects - set(seed_labels()[seed_vocabulary])
