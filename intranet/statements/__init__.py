"""The public statements: accessibility (uu-statement) and translations, and the municipality's settings for them."""
