"""What an article measures: figures it reports, keyword term counts, length and reading time.

Separate from the page pipeline (which cuts pages into articles) but run beside it: the
pipeline's worker processes measure each article once (`metrics.measure_article`) and the page
cache keeps the measures next to the page. Pure: nothing here imports Textual or Rich.
"""
