"""The resolve tests use the session stores of tests/conftest.py (``althistory``)."""
