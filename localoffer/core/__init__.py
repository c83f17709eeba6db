"""Small helpers every app may use: mail, money, rate limits, the client's address, GOV.UK
form helpers and the state-machine helper.

This package is the bottom layer (checked by import-linter): it imports Django, Wagtail and
allauth, and nothing of ours, so any app can depend on it without making a cycle.
"""
