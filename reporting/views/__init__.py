"""Admin and site views of HR reporting: one module per report, its FilterSet beside it."""
