"""Layout: cards and a layout spec in, pages of positioned boxes out. Nothing is drawn here."""
