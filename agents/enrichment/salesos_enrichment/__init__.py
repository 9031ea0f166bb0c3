"""SalesOS enrichment agent: fills in a lead's company from public sources (its homepage and DNS)."""

__version__ = "1.0.0"
