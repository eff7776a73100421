"""`python -m govlab` runs the `govlab` command."""
from .entry import main

main()
