"""Full cost recovery: a provider works out what each of its services really costs.

Direct costs per service plus a fair share of the organisation's overheads (premises,
central functions, governance, fundraising), shared by a driver such as headcount or
staff time, give each service's full cost and its cost per unit (a place, an hour).
A costing is edited as a draft and saved as a dated version that never changes, so a
price worked out from it can always show the working.
"""
