"""The Elasticsearch search backend (chosen when ELASTICSEARCH_URL is set).

mapping.py    the index: English analysers, SEND synonyms, field mapping
documents.py  a published service as an index document
queries.py    SearchQuery → request body, and response → SearchResults (pure functions)
backend.py    the backend: search, bulk indexing, zero-downtime rebuild through an alias
"""

from search.backends.elasticsearch.backend import ElasticsearchBackend

__all__ = ["ElasticsearchBackend"]
