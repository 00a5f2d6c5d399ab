"""`python -m assessment`: the command line."""

from assessment.cli import main

main()
