"""A pack's files read safely, knowing nothing of what a pack holds: YAML with lines, the gate,
validation with located problems, pictures, and variables filled in a sandbox."""
