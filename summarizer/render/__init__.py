"""Rendering a brief or a scorecard for people: HTML pages, Markdown, the article view.

`html` holds the page machinery (templates, style sheet, CSP) and the brief's HTML view;
`markdown` the Markdown brief; `article_view` cuts the article into display pieces;
`sourcing` counts claims by who stands behind them; `scorecard_html` the eval scorecard page.
Templates live in `templates/`.
"""
