"""One text model per output (summary), and every renderer that reads it."""
