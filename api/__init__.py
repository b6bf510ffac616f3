"""The web app: JSON API, pages, SPARQL endpoint (installed as ``ecosystem.api``)."""
