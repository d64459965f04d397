"""Documents: one model for every format, readers that build it, and document identity."""
