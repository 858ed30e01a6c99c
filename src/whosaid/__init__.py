"""whosaid: who said what, to whom, about what, when, and according to whom."""

from .model import EXTRACTOR_VERSION

__version__ = "0.1.0"
__all__ = ["EXTRACTOR_VERSION", "__version__"]
