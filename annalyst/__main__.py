"""``python -m annalyst``: the command line."""
from annalyst.cli import main

main()
