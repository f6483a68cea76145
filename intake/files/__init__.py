"""What a file is, by its content: the format, its category, MIME type and extension.
Below both the parts sorter and the works, and it imports neither."""
