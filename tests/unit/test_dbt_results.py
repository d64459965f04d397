"""The outcome of dbt's tests per model, as it is put on each model's materialization."""
from pipelines.warehouse.dbt_results import outcomes_by_model

MANIFEST = {
    "nodes": {
        "test.juesuan.not_null_fct_totals_document_id.1a2b": {"attached_node": "model.juesuan.fct_totals"},
        "test.juesuan.unique_fct_totals_key.3c4d": {"attached_node": "model.juesuan.fct_totals"},
        "test.juesuan.not_null_dim_unit_name.5e6f": {"attached_node": "model.juesuan.dim_unit"},
        "test.juesuan.assert_one_figure_per_pivot_key": {
            "attached_node": None,
            "depends_on": {"nodes": ["model.juesuan.int_loaded_figures", "source.juesuan.raw.figures"]}},
    },
    "unit_tests": {
        "unit_test.juesuan.int_figure_subjects.pivots_one_row_per_subject": {
            "depends_on": {"nodes": ["model.juesuan.int_figure_subjects"]}},
    },
}


def _result(unique_id: str, status: str) -> dict:
    return {"unique_id": unique_id, "status": status}


def test_each_model_gets_the_count_of_its_passing_tests():
    outcomes = outcomes_by_model({"results": [
        _result("model.juesuan.fct_totals", "success"),
        _result("test.juesuan.not_null_fct_totals_document_id.1a2b", "pass"),
        _result("test.juesuan.unique_fct_totals_key.3c4d", "pass"),
        _result("test.juesuan.not_null_dim_unit_name.5e6f", "pass"),
    ]}, MANIFEST)
    assert outcomes["model.juesuan.fct_totals"].metadata() == {"dbt_tests": "2 passed"}
    assert outcomes["model.juesuan.dim_unit"].metadata() == {"dbt_tests": "1 passed"}
    assert "model.juesuan.int_loaded_figures" not in outcomes  # the model itself is no test


def test_a_test_that_did_not_pass_is_counted_and_named():
    outcomes = outcomes_by_model({"results": [
        _result("test.juesuan.not_null_fct_totals_document_id.1a2b", "pass"),
        _result("test.juesuan.unique_fct_totals_key.3c4d", "fail"),
    ]}, MANIFEST)
    assert outcomes["model.juesuan.fct_totals"].metadata() == {
        "dbt_tests": "1 passed, 1 fail", "dbt_tests_not_passed": ["unique_fct_totals_key (fail)"]}


def test_singular_and_unit_tests_count_for_the_models_they_read_not_their_sources():
    outcomes = outcomes_by_model({"results": [
        _result("test.juesuan.assert_one_figure_per_pivot_key", "warn"),
        _result("unit_test.juesuan.int_figure_subjects.pivots_one_row_per_subject", "pass"),
    ]}, MANIFEST)
    assert set(outcomes) == {"model.juesuan.int_loaded_figures", "model.juesuan.int_figure_subjects"}
    assert outcomes["model.juesuan.int_loaded_figures"].metadata() == {
        "dbt_tests": "1 warn", "dbt_tests_not_passed": ["assert_one_figure_per_pivot_key (warn)"]}
    assert outcomes["model.juesuan.int_figure_subjects"].text() == "1 passed"
