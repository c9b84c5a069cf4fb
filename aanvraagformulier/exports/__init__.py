"""Exports that leave the portal: pseudonymised research data and the emergency list, as
AES-256 encrypted archives (seeds 001, 003, 004)."""
