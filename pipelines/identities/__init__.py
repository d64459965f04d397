"""Accounting identities: the tolerance arithmetic (pure Decimal) and the engine that applies the registry."""
