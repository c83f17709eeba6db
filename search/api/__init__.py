"""The Open Referral UK 3.0 read-only API at /api/oruk/.

Other directories, apps and councils read our published listings in the national
standard's shape (HSDS 3.0 with the UK profile). Only published listings appear: the
same `live().public()` rule as the directory. Modules:

- `ids`: stable UUIDs for our integer primary keys (the standard wants UUID strings).
- `params`: reading and checking query parameters; bad ones answer 400 with a message.
- `http`: the JSON, CORS, method and rate-limit wrapper every view goes through.
- `selectors`: the reads: filters, ordering, pages, constant queries per page.
- `serializers`: plain functions turning our models into the standard's objects.
- `openapi`: our own OpenAPI description of what is implemented here.
"""
