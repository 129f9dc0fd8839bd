"""The faces of policykg: the FastAPI service and the ``policykg`` command line."""
