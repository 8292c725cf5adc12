"""The checks of ``invoke inspect``, one small module each; ``tools.inspect`` runs them.

Each check is a function of the loaded site (or of a built site) and the thresholds of
data/inspection.yaml that returns ``Finding``s; none of them writes anything.
"""
