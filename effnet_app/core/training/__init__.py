"""Fine-tuning: the config, the feature cache and head fit, the loop, the run, and
training straight into the library."""
