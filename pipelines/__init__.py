"""juesuan: Chinese departmental final-accounts reports (部门决算) into a DuckDB fiscal warehouse."""
