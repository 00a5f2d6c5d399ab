"""The question bank as data: models, the rules a bank is scored by, loading, pagination."""
