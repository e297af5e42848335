"""合法性审核预审: the rule-based pre-review of a draft 行政规范性文件 before the legal office reviews it."""
