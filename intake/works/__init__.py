"""An application's works: which attachments and links are works, what a file is by its
content, and keeping them on disk."""
