"""Billing, pure domain (no FastAPI, no SQL): the price table, the charges a job or a call incurs, and the
training-cost estimate. The ledger that records charges is `store/costs.py`, written by `services/costs.py`."""
