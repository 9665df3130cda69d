"""Reusable widgets: charts with their download and empty state, KPI cards, drill-down chips and
the formats of numbers, times and plain text."""
