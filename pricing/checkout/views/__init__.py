"""The pages under /book/: the journey's questions (`journey`), paying and the
confirmation (`paying`)."""
