"""The loket's figures: aggregates of its region's requests, small cells suppressed."""
