"""fazhi: a platform for a zone's rule-of-law government work (法治政府建设)."""
