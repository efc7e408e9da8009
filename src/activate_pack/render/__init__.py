"""Rendering: laid-out documents to PDF bytes (and, for previews, PNG images)."""
