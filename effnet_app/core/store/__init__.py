"""Storage only: the model file (safetensors + validated metadata) and the library folder."""
