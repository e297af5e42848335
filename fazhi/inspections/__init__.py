"""双随机、一公开: random inspections whose every draw anyone can re-run and check."""
