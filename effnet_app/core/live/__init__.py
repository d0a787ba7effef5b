"""The live view's core: camera sources and the capture and inference loops."""
