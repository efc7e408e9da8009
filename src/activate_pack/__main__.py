"""Allow ``python -m activate_pack``."""

from activate_pack.cli import main

main()
