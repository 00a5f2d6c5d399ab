"""Everything that travels in a URL: the share and progress codes and the links."""
