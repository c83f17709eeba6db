"""Sharing the cost of an activity: families book one group session together."""
