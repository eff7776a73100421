"""The only code that writes: load, check with the domain rules, store with an Event, commit, publish."""
