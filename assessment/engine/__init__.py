"""Pure rules: answers, scoring, matching, quality checks, salary, the result; no text."""
