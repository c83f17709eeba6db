"""The postcode gazetteer, the staff-edited synonym list and the database search index."""

from search.models.gazetteer import Postcode
from search.models.index import FacetCount, ServiceIndex, ServiceIndexLocation
from search.models.synonyms import Synonym

__all__ = ["FacetCount", "Postcode", "ServiceIndex", "ServiceIndexLocation", "Synonym"]
