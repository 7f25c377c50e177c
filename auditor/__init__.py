"""auditor: checks whether the figures in a news article add up."""
__version__ = "0.1.0"
