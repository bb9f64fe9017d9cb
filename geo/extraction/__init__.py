"""Article to claims: read a news article and propose the control claims it makes.

Rule: the extractor never invents a claim. Every proposal carries the sentence it
came from; nothing is stored until an editor accepts it (``pages/from_article.py``).
"""
