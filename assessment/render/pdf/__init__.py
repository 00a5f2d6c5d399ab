"""PDFs: the layout engine, and the result PDF built with it."""
