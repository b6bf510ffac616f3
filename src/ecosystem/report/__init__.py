"""The plan's annual activity report: :mod:`.annual` reads its content, :mod:`.render` writes it.

- :mod:`.annual`: ``annual_report(store, year)``, the content as data;
- :mod:`.words`: the words for its codes (statuses, figures), French and English;
- :mod:`.charts`: an indicator's value over time against its target, as SVG;
- :mod:`.render`: HTML (printable), Markdown and PDF.
"""
