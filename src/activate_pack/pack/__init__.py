"""The pack, in three layers: sources (files read safely), model (the pack as data), loading."""
