"""An application's works: which attachments and links are works, and keeping them on
disk. What a file is, by its content, is `intake.files`."""
