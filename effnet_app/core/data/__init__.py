"""Pictures in: decoding with its guards, the class-per-folder dataset and its splits,
and the preprocessing that turns a picture into the network's input."""
