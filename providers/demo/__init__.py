"""Data generators for demo and benchmark listings (plain data, pictures, bulk inserts)."""
