"""Écosystème : cartographie de l'écosystème du développement social en graphe de connaissances.

Écosystème: maps a region's social-development ecosystem as a knowledge graph.
"""

__version__ = "0.1.0"
