"""The data protection officer's pages: the processing register and the breach register."""
