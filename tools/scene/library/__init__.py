"""The procedural asset library: one module per family, each a tuple CATEGORIES of builders and priors."""
