"""The compliance dashboard: numbers without any post content."""
