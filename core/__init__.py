"""Core types and errors shared by every stage (one-way layering: stages import core, never the reverse)."""
