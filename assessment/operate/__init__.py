"""Running it lawfully: operator file, legal pages, facts, the PDF warm-up."""
