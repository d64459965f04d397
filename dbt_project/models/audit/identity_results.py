"""The identity engine (pipelines/identities) as a step of the dbt build: every rule of
expectations/identities/*.yml evaluated on every loaded document in exact Decimal, kept between builds for the
documents whose rows are unchanged (pipelines/identities/reuse.py).

It runs in the same dbt invocation as the marts it reads, so a build starts dbt once (a second dbt process
after the engine cost ~10 s of start-up). dbt orders a Python model by the dbt.ref calls written in it, so
every relation the rules read is named below; the engine refuses to run if a rule reads one that is not.
"""
from pipelines.identities.in_build import refresh_in_build


def model(dbt, session):
    reads = {
        "intermediate.int_loaded_figures": dbt.ref("int_loaded_figures"),
        "intermediate.int_project_score_parts": dbt.ref("int_project_score_parts"),
        "intermediate.int_project_tables": dbt.ref("int_project_tables"),
        "marts.dim_document": dbt.ref("dim_document"),
        "marts.dim_glossary": dbt.ref("dim_glossary"),
        "marts.fct_assets": dbt.ref("fct_assets"),
        "marts.fct_department_kpi": dbt.ref("fct_department_kpi"),
        "marts.fct_department_kpi_header": dbt.ref("fct_department_kpi_header"),
        "marts.fct_expenditure_by_function": dbt.ref("fct_expenditure_by_function"),
        "marts.fct_expenditure_by_type": dbt.ref("fct_expenditure_by_type"),
        "marts.fct_figure": dbt.ref("fct_figure"),
        "marts.fct_income_by_source": dbt.ref("fct_income_by_source"),
        "marts.fct_performance_evaluation": dbt.ref("fct_performance_evaluation"),
        "marts.fct_procurement": dbt.ref("fct_procurement"),
        "marts.fct_project_budget": dbt.ref("fct_project_budget"),
        "marts.fct_project_kpi": dbt.ref("fct_project_kpi"),
        "marts.fct_project_report": dbt.ref("fct_project_report"),
        "marts.fct_project_score": dbt.ref("fct_project_score"),
        "marts.fct_project_summary": dbt.ref("fct_project_summary"),
        "marts.fct_special_evaluation_indicator": dbt.ref("fct_special_evaluation_indicator"),
        "marts.fct_staffing": dbt.ref("fct_staffing"),
        "marts.fct_statement": dbt.ref("fct_statement"),
        "marts.fct_statement_cell": dbt.ref("fct_statement_cell"),
        "marts.fct_three_public": dbt.ref("fct_three_public"),
        "marts.fct_totals": dbt.ref("fct_totals"),
        "staging.stg_units": dbt.ref("stg_units"),
    }
    return refresh_in_build(session, reads)
