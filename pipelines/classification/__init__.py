"""National reference classifications (政府收支分类科目) and matchers from printed names to codes."""
