"""Compose: what each card and page says, before anything is placed."""
