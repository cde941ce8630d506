"""The agents' prompt templates (one Markdown file per agent), shipped as package data."""
