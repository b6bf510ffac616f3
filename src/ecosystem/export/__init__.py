"""Exports of the map and of the data, never holding a person.

- :mod:`.formats`: ``export(store, format, options)``, the one entry point of the CLI and the web;
- :mod:`.view`: the web map's filtered view with labels, seats, load, communities, colours;
- :mod:`.rdf`: Turtle, TriG (with the revisions), JSON-LD (with a context), N-Triples;
- :mod:`.network`: GEXF and GraphML, valid against their published schemas;
- :mod:`.visual` and :mod:`.labels`: the SVG map, and PDF and PNG from it; :mod:`.html`: one offline HTML file;
- :mod:`.diffmap`: the map of the differences between two revisions;
- :mod:`.privacy`: what is stripped before anything is published.
"""
