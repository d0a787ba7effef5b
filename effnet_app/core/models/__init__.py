"""The networks: the variants table, the two network families behind one interface,
weights (download, cache, import) and the architecture tables."""
