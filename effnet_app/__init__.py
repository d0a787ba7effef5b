"""EffNet Studio: train and use EfficientNet image classifiers without programming."""

__version__ = "0.1.0"
APP_NAME = "EffNet Studio"  # i18n: ignore (the product's name)
