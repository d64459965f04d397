"""Marts against the landing rows they were built from: same row count per loaded document, and every
amount equal to the printed value × its unit (exact DECIMAL comparison in SQL). A difference can only
be a pipeline fault, so every expectation is critical."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where a suite is built: importing GX costs ~5 s (see gx_runner.warm_up)
    import great_expectations as gx

from .common import suite


@dataclass(frozen=True)
class Reconciliation:
    mart: str  # dbt model name in schema marts
    landing: str  # landing table in schema raw
    mart_filter: str  # which mart rows come from that landing table
    amount_pairs: tuple[tuple[str, str], ...] = ()  # (mart yuan column, landing printed column), compared exactly
    unit_column: str = "unit"  # landing column holding the printed unit of those amounts

    @property
    def query(self) -> str:
        mismatches = " + ".join(
            f"count(*) filter (where m.{mart} is distinct from {_to_yuan('l.' + landing, 'l.' + self.unit_column)})"
            for mart, landing in self.amount_pairs) or "0"
        return f"""
            with loaded as (select document_id from marts.dim_document where status = 'loaded'),
            landing as (select document_id, count(*) as n from raw.{self.landing} group by 1),
            mart as (select document_id, count(*) as n from marts.{self.mart} where {self.mart_filter} group by 1)
            select d.document_id,
                   coalesce(l.n, 0) as landing_rows,
                   coalesce(m.n, 0) as mart_rows,
                   coalesce(l.n, 0) = coalesce(m.n, 0) as counts_match,
                   ({self._mismatch_query(mismatches)}) as amount_mismatches
            from loaded d left join landing l using (document_id) left join mart m using (document_id)
        """

    def _mismatch_query(self, mismatches: str) -> str:
        if not self.amount_pairs:
            return "0"
        key = {"fct_project_budget": "table_seq, funding", "fct_expenditure_by_function": "seq",
               "fct_statement_cell": "statement_seq, row_seq, block_seq, column_seq"}[self.mart]
        return (f"select {mismatches} from marts.{self.mart} m join raw.{self.landing} l "
                f"using (document_id, {key}) where m.document_id = d.document_id and {self.mart_filter}")

    def build_suite(self) -> gx.ExpectationSuite:
        import great_expectations as gx

        return suite(f"{self.mart}_reconciles_with_{self.landing}", [
            gx.expectations.ExpectColumnValuesToBeInSet(column="counts_match", value_set=[True], severity="critical"),
            gx.expectations.ExpectColumnValuesToBeInSet(column="amount_mismatches", value_set=[0], severity="critical"),
        ])


def _to_yuan(printed: str, unit: str) -> str:
    """The same conversion as dbt's to_yuan macro, written independently so the check can catch it."""
    scale = f"case {unit} when '亿元' then 100000000 when '万元' then 10000 when '元' then 1 end"
    return f"cast({printed} * {scale} as decimal(20, 2))"


RECONCILIATIONS = [
    Reconciliation("fct_project_budget", "project_funding_rows", "true",
                   (("initial_budget_yuan", "initial_budget"), ("adjusted_budget_yuan", "adjusted_budget"),
                    ("executed_yuan", "executed"))),
    Reconciliation("fct_project_kpi", "project_kpi_rows", "true"),
    Reconciliation("fct_project_score", "project_tables", "true"),
    Reconciliation("fct_department_kpi", "department_kpi_rows", "true"),
    Reconciliation("fct_expenditure_by_function", "gpb_items", "level = 'xiang' and statement = 'text'",
                   (("amount_yuan", "amount"),), unit_column="amount_unit"),
    Reconciliation("fct_statement_cell", "statement_cells", "true", (("amount_yuan", "value"),),
                   unit_column="printed_unit"),
]
