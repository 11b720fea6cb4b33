"""Read moderated comments from a comment store and hand the build plain, sanitised data."""
