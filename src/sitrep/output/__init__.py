"""Output: the contract's JSON shape and the readable text sitrep."""

from .contract import to_contract

__all__ = ["to_contract"]
