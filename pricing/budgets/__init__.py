"""Personal budgets and direct payments: the budget, its ledger, returns and the council's view."""
