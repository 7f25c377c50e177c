"""The newsroom's memory: every audited figure as a fact with a key (keys.py), kept in a store
(store.py), so that an article contradicting what was already published is flagged
(consistency.py)."""
