"""One module per checked mart: TABLE, QUERY (what is validated) and build_suite()."""
