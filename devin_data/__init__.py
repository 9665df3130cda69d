"""Data layer for Devin session analytics."""
