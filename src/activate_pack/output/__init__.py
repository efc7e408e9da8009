"""Output: the one orchestrator, the only writer of files, previews and new packs."""
