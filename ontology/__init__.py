"""The policykg vocabulary as data: namespaces, IRI minting, reference graphs."""
